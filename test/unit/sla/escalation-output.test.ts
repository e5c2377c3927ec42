import { describe, expect, it } from 'vitest';
import { escalationLevelName, pagerDutyEvent } from '../../../src/engine/sla';
import { policyOf } from './sla-fixtures';

describe('escalationLevelName', () => {
  it('THEN the default ladder levels read as the cards say them', () => {
    expect([0, 1, 2, 3, 4, 5].map((level) => escalationLevelName(level))).toEqual([
      'notified',
      'reminder',
      'channel mention',
      'SLA warning',
      'escalated to admins',
      'paging owner',
    ]);
  });

  it('THEN an action names itself, whatever the ladder', () => {
    expect(escalationLevelName('page')).toBe('paging owner');
    expect(escalationLevelName('here')).toBe('SLA warning (@here)');
  });

  it('THEN a level is read against the ladder it came from', () => {
    const policy = policyOf({ steps: [{ at: 'deadline', action: 'escalate' }, { at: '1h', action: 'remind' }] });
    expect(escalationLevelName(0, policy.steps)).toBe('reminder');
    expect(escalationLevelName(1, policy.steps)).toBe('escalated to admins');
    expect(escalationLevelName(7, policy.steps)).toBe('escalation level 7');
  });
});

describe('pagerDutyEvent', () => {
  const base = {
    routingKey: 'R0UT1NGKEY0000000000000000000000',
    summary: 'clone-factory run 42: gap-analyzer review is 2h past its SLA',
    dedupKey: 'process-factory:gate:g-123',
    severity: 'critical' as const,
    timestamp: new Date('2025-06-03T16:00:00.000Z'),
  };

  it('THEN it builds an Events API v2 trigger with the required fields', () => {
    expect(pagerDutyEvent({ ...base, customDetails: { gate: 'g-123', run: 42 } })).toEqual({
      routing_key: base.routingKey,
      event_action: 'trigger',
      dedup_key: 'process-factory:gate:g-123',
      payload: {
        summary: base.summary,
        source: 'process-factory',
        severity: 'critical',
        timestamp: '2025-06-03T16:00:00.000Z',
        custom_details: { gate: 'g-123', run: 42 },
      },
    });
  });

  it('THEN optional fields appear only when given, under their v2 names', () => {
    const event = pagerDutyEvent({ ...base, source: 'factory-eu', component: 'gates', group: 'clone-factory', eventClass: 'sla breach', links: [{ href: 'https://example.test/g/123', text: 'Open gate' }] });
    expect(event.payload).toMatchObject({ source: 'factory-eu', component: 'gates', group: 'clone-factory', class: 'sla breach' });
    expect(event.links).toEqual([{ href: 'https://example.test/g/123', text: 'Open gate' }]);
    expect(pagerDutyEvent(base)).not.toHaveProperty('links');
    expect(pagerDutyEvent(base).payload).not.toHaveProperty('custom_details');
  });

  it('THEN a summary over 1024 characters is shortened to exactly 1024, without splitting an emoji', () => {
    const long = pagerDutyEvent({ ...base, summary: '🔥'.repeat(2000) });
    expect(Array.from(long.payload.summary)).toHaveLength(1024);
    expect(long.payload.summary.endsWith('🔥…')).toBe(true);
    expect(pagerDutyEvent({ ...base, summary: 'x'.repeat(1024) }).payload.summary).toHaveLength(1024);
  });

  it('THEN a dedup key over 255 characters, or an empty one, is refused', () => {
    expect(() => pagerDutyEvent({ ...base, dedupKey: 'k'.repeat(256) })).toThrow(RangeError);
    expect(() => pagerDutyEvent({ ...base, dedupKey: '' })).toThrow(RangeError);
    expect(pagerDutyEvent({ ...base, dedupKey: 'k'.repeat(255) }).dedup_key).toHaveLength(255);
  });
});
