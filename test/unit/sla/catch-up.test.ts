import { describe, expect, it } from 'vitest';
import { DEADLINE_ACTION_KEY, planEscalation } from '../../../src/engine/sla';
import { MIN, at, pendingGate, policyOf, timeline, walkGate } from './sla-fixtures';

const OPENED = at('2025-06-03T10:00:00.000Z');

describe('GIVEN the sweep was down from 11:05 to 14:05 (3 hours)', () => {
  const policy = policyOf();
  const gate = pendingGate(OPENED);
  const beforeOutage = walkGate({ gate, policy, from: OPENED, to: at('2025-06-03T11:00:00.000Z'), stepMs: 5 * MIN });

  it('THEN the first sweep after it sends exactly one message, at the highest level due, and folds the others in', () => {
    expect(beforeOutage.fired).toEqual(new Set(['0:0', '1:0']));
    const plan = planEscalation({ gate, policy, fired: beforeOutage.fired, now: at('2025-06-03T14:05:00.000Z') });
    expect(plan.due).toMatchObject({ key: '4:0', level: 4, action: 'escalate', audience: 'admins', urgent: true, collapsed: ['2:0', '3:0'] });
    expect(plan.deadlineAction).toBe('escalate');
    expect(plan.keysToRecord).toEqual(['4:0', '2:0', '3:0', DEADLINE_ACTION_KEY]);
    expect(plan.nextAt?.toISOString()).toBe('2025-06-03T16:00:00.000Z');
  });

  it('THEN the sweeps after the outage go on from there without a burst', () => {
    const after = walkGate({
      gate,
      policy,
      from: at('2025-06-03T14:05:00.000Z'),
      to: at('2025-06-04T14:05:00.000Z'),
      stepMs: 5 * MIN,
      fired: beforeOutage.fired,
    });
    expect(timeline(after.messages)).toEqual([
      '2025-06-03T14:05:00.000Z 4:0 escalate admins +[2:0,3:0]',
      '2025-06-03T16:00:00.000Z 5:0 page owner',
    ]);
  });

  it('THEN a gate whose whole ladder was missed gets one page and nothing more', () => {
    const plan = planEscalation({ gate, policy, fired: new Set(), now: at('2025-06-04T10:00:00.000Z') });
    expect(plan.due).toMatchObject({ key: '5:0', action: 'page', collapsed: ['0:0', '1:0', '2:0', '3:0', '4:0'] });
    expect(plan.nextAt).toBeNull();
    const again = planEscalation({ gate, policy, fired: new Set(plan.keysToRecord), now: at('2025-06-04T10:00:00.000Z') });
    expect(again).toMatchObject({ due: null, nextAt: null, deadlineAction: null });
  });

  it('THEN missed repeats of one step collapse into its latest repeat', () => {
    const repeating = policyOf({ deadline: '1d', steps: [{ at: '30m', action: 'remind', repeat: { every: '30m', max: 5 } }] });
    const plan = planEscalation({ gate, policy: repeating, fired: new Set(), now: at('2025-06-03T12:45:00.000Z') });
    expect(plan.due).toMatchObject({ key: '0:4', collapsed: ['0:0', '0:1', '0:2', '0:3'] });
    expect(plan.nextAt?.toISOString()).toBe('2025-06-03T13:00:00.000Z');
  });
});
