import { describe, expect, it } from 'vitest';
import { deliveryKey, RecentDeliveries } from '../../../adapters/slack/recent-deliveries';
import { TtlCache } from '../../../adapters/slack/ttl-cache';

function clock(start = Date.parse('2025-03-04T14:00:00Z')) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => void (t += ms) };
}

describe('RecentDeliveries', () => {
  const payload = { command: '/factory', text: 'run demo', trigger_id: '1.2.abc', user_id: 'U1' };

  it('GIVEN a payload and then the same payload re-sent THEN first, then repeat (with or without a retry number)', () => {
    const deliveries = new RecentDeliveries(clock().now);
    expect(deliveries.check(payload, undefined)).toBe('first');
    expect(deliveries.check({ ...payload }, 1)).toBe('repeat');
    expect(deliveries.check({ ...payload }, undefined)).toBe('repeat');
  });

  it('GIVEN a retry number on a payload never seen THEN unseen-retry; a retry number of 0 is a first delivery', () => {
    const deliveries = new RecentDeliveries(clock().now);
    expect(deliveries.check(payload, 2)).toBe('unseen-retry');
    expect(deliveries.check({ ...payload, trigger_id: 'other' }, 0)).toBe('first');
  });

  it('GIVEN two invocations that differ only in trigger_id THEN both are first deliveries', () => {
    const deliveries = new RecentDeliveries(clock().now);
    expect(deliveries.check(payload, undefined)).toBe('first');
    expect(deliveries.check({ ...payload, trigger_id: '1.2.def' }, undefined)).toBe('first');
    expect(deliveryKey(payload)).not.toBe(deliveryKey({ ...payload, trigger_id: '1.2.def' }));
  });

  it('GIVEN the memory window has passed THEN the payload counts as new again', () => {
    const c = clock();
    const deliveries = new RecentDeliveries(c.now, 60_000);
    deliveries.check(payload, undefined);
    c.advance(60_001);
    expect(deliveries.check(payload, 1)).toBe('unseen-retry');
  });
});

describe('TtlCache', () => {
  it('GIVEN entries past their time or over capacity THEN they are gone, oldest first', () => {
    const c = clock();
    const cache = new TtlCache<string, number>(1_000, c.now, 2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, 2, 3]);
    c.advance(1_000);
    expect(cache.has('b')).toBe(false);
    cache.set('d', 4, 5_000);
    c.advance(4_999);
    expect(cache.get('d')).toBe(4);
  });
});
