import { describe, expect, it } from 'vitest';
import { ActionNumbers } from '../../../adapters/console/action-numbers';
import { ConsoleMessageIds } from '../../../adapters/console/console-message-ids';
import { LineQueue } from '../../../adapters/console/line-queue';

const card = (from: number, ...ids: string[]) => ids.map((actionId, i) => ({ number: from + i, actionId, label: actionId.split(':')[2] ?? actionId }));

describe('ActionNumbers', () => {
  it('GIVEN two cards THEN their buttons get different numbers and each maps to its action', () => {
    const numbers = new ActionNumbers();
    numbers.record(card(numbers.next, 'gate:1:approve', 'gate:1:reject'), { id: 'a.1', label: '#1' });
    numbers.record(card(numbers.next, 'gate:2:approve'), { id: 'a.2', label: '#2' });
    expect(numbers.next).toBe(4);
    expect(numbers.lookup(3)).toEqual({ type: 'live', actionId: 'gate:2:approve', label: 'approve' });
    expect(numbers.lookup(9)).toEqual({ type: 'unknown' });
  });

  it('GIVEN an updated card THEN the old version’s numbers are retired and name the card', () => {
    const numbers = new ActionNumbers();
    numbers.record(card(1, 'gate:1:approve', 'gate:1:reject'), { id: 'a.1', label: '#1' });
    numbers.record(card(3, 'run:1:status'), null);
    expect(numbers.liveActionIds('a.1')).toEqual(['gate:1:approve', 'gate:1:reject']);
    numbers.retire('a.1');
    expect(numbers.lookup(1)).toEqual({ type: 'retired', label: 'approve', messageLabel: '#1' });
    expect(numbers.lookup(3).type).toBe('live');
    expect(numbers.liveActionIds('a.1')).toEqual([]);
  });
});

describe('LineQueue', () => {
  it('GIVEN lines typed ahead THEN they are read in order, and null once closed', async () => {
    const queue = new LineQueue();
    queue.push('2');
    queue.push('too vague');
    expect(await queue.next()).toBe('2');
    expect(await queue.next()).toBe('too vague');
    const waiting = queue.next();
    queue.close();
    expect(await waiting).toBeNull();
    expect(await queue.next()).toBeNull();
  });

  it('GIVEN Ctrl-C while a read waits THEN it reads an empty line and typed-ahead lines are dropped', async () => {
    const queue = new LineQueue();
    expect(queue.interrupt()).toBe(false);
    const waiting = queue.next();
    expect(queue.interrupt()).toBe(true);
    expect(await waiting).toBe('');
  });
});

describe('ConsoleMessageIds', () => {
  it('GIVEN this session’s messages THEN #1, #2; GIVEN a ref from an earlier session THEN it is not mistaken for this one’s #1', () => {
    const ids = new ConsoleMessageIds('today');
    const first = ids.next();
    expect(ids.describe(first)).toEqual({ id: 'today.1', label: '#1' });
    expect(ids.describe(ids.next()).label).toBe('#2');
    expect(ids.describe({ platform: 'console', channelId: 'console', messageId: 'yesterday.1' }).label).toBe('a card from an earlier session');
  });
});
