import { describe, expect, it } from 'vitest';
import { DEFAULT_LADDER, planEscalation } from '../../../src/engine/sla';
import { HOUR, MIN, at, pendingGate, policyOf, timeline, walkGate } from './sla-fixtures';

// Tuesday 3 June 2025, 10:00 UTC; no quiet hours in these walks.
const OPENED = at('2025-06-03T10:00:00.000Z');
const END = new Date(OPENED.getTime() + 48 * HOUR);

describe('GIVEN the default ladder and a 4h deadline, walked for 48h in 5-minute ticks', () => {
  it('THEN exactly the six ladder steps fire, once each, at their times', () => {
    const walk = walkGate({ gate: pendingGate(OPENED), policy: policyOf(), from: OPENED, to: END, stepMs: 5 * MIN });
    expect(timeline(walk.messages)).toEqual([
      '2025-06-03T10:00:00.000Z 0:0 notify channel',
      '2025-06-03T10:30:00.000Z 1:0 remind assignee',
      '2025-06-03T12:00:00.000Z 2:0 mention channel',
      '2025-06-03T13:30:00.000Z 3:0 warn channel',
      '2025-06-03T14:00:00.000Z 4:0 escalate admins',
      '2025-06-03T16:00:00.000Z 5:0 page owner',
    ]);
    expect(walk.deadlineActions).toEqual([{ at: '2025-06-03T14:00:00.000Z', action: 'escalate' }]);
    expect(walk.lastNextAt).toBeNull();
  });

  it('THEN the steps carry the channels and mentions of the documented default', () => {
    const policy = policyOf();
    expect(policy.steps.map((s) => [s.at, s.action, s.channel ?? null, s.mentions])).toEqual([
      ['0', 'notify', 'tasks', []],
      ['30m', 'remind', null, []],
      ['2h', 'mention', 'tasks', []],
      ['deadline-30m', 'warn', 'tasks', ['@here']],
      ['deadline', 'escalate', 'alerts', ['@everyone']],
      ['deadline+2h', 'page', null, []],
    ]);
    expect(DEFAULT_LADDER).toHaveLength(6);
  });

  it('THEN a sweep that only wakes at nextAt sends the same messages as one that ticks every 5 minutes', () => {
    const policy = policyOf();
    const gate = pendingGate(OPENED);
    const fired = new Set<string>();
    const sent: string[] = [];
    let now: Date | null = OPENED;
    // Bounded: a planner whose nextAt stopped advancing must fail this test, not hang it.
    for (let wakes = 0; now && now <= END && wakes < 100; wakes += 1) {
      const plan = planEscalation({ gate, policy, fired, now });
      if (plan.due) sent.push(`${now.toISOString()} ${plan.due.key}`);
      plan.keysToRecord.forEach((k) => fired.add(k));
      if (plan.nextAt) expect(plan.nextAt.getTime()).toBeGreaterThan(now.getTime());
      now = plan.nextAt;
    }
    const ticking = walkGate({ gate, policy, from: OPENED, to: END, stepMs: 5 * MIN });
    expect(sent).toEqual(ticking.messages.map((m) => `${m.at} ${m.key}`));
  });
});

describe('GIVEN a ladder with repeats', () => {
  const policy = policyOf({
    deadline: '8h',
    steps: [
      { at: '0', action: 'notify' },
      { at: '30m', action: 'remind', repeat: { every: '1h', max: 3 } },
      { at: '4h', action: 'mention' },
      { at: 'deadline', action: 'escalate' },
      { at: 'deadline+1h', action: 'page', repeat: { every: '2h', max: 2 } },
    ],
  });

  it('THEN each repeat fires once with its own key, and max counts the sends after the first', () => {
    const walk = walkGate({ gate: pendingGate(OPENED), policy, from: OPENED, to: END, stepMs: 5 * MIN });
    expect(timeline(walk.messages)).toEqual([
      '2025-06-03T10:00:00.000Z 0:0 notify channel',
      '2025-06-03T10:30:00.000Z 1:0 remind assignee',
      '2025-06-03T11:30:00.000Z 1:1 remind assignee',
      '2025-06-03T12:30:00.000Z 1:2 remind assignee',
      '2025-06-03T13:30:00.000Z 1:3 remind assignee',
      '2025-06-03T14:00:00.000Z 2:0 mention channel',
      '2025-06-03T18:00:00.000Z 3:0 escalate admins',
      '2025-06-03T19:00:00.000Z 4:0 page owner',
      '2025-06-03T21:00:00.000Z 4:1 page owner',
      '2025-06-03T23:00:00.000Z 4:2 page owner',
    ]);
  });

  it('THEN a gate with its own deadline moves the deadline-anchored steps with it', () => {
    const gate = pendingGate(OPENED, { deadlineAt: at('2025-06-03T12:00:00.000Z') });
    const walk = walkGate({ gate, policy, from: OPENED, to: END, stepMs: 5 * MIN });
    expect(walk.messages.filter((m) => m.action !== 'remind').map((m) => `${m.at} ${m.key}`)).toEqual([
      '2025-06-03T10:00:00.000Z 0:0',
      '2025-06-03T12:00:00.000Z 3:0',
      '2025-06-03T13:00:00.000Z 4:0',
      '2025-06-03T14:00:00.000Z 2:0',
      '2025-06-03T15:00:00.000Z 4:1',
      '2025-06-03T17:00:00.000Z 4:2',
    ]);
  });
});

describe('GIVEN a decided gate', () => {
  it.each(['approved', 'rejected', 'expired', 'cancelled'] as const)('THEN a %s gate plans nothing', (status) => {
    const plan = planEscalation({
      gate: pendingGate(OPENED, { status }),
      policy: policyOf(),
      fired: new Set(),
      now: new Date(OPENED.getTime() + 10 * HOUR),
    });
    expect(plan).toMatchObject({ due: null, nextAt: null, deadlineAction: null, keysToRecord: [] });
  });
});
