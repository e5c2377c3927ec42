import { describe, expect, it } from 'vitest';
import { planEscalation } from '../../../src/engine/sla';
import type { SlaGate } from '../../../src/engine/sla';
import { HOUR, MIN, at, pendingGate, policyOf, timeline, walkGate } from './sla-fixtures';

const OPENED = at('2025-06-03T10:00:00.000Z');
const END = new Date(OPENED.getTime() + 48 * HOUR);
const claimAt = (iso: string) => ({ at: at(iso), apply: (g: SlaGate): SlaGate => ({ ...g, claimedBy: 'alice', claimedAt: at(iso) }) });

describe('GIVEN a gate claimed at 10:10 and never confirmed (claim_lapse 2h)', () => {
  const walk = walkGate({
    gate: pendingGate(OPENED),
    policy: policyOf(),
    from: OPENED,
    to: END,
    stepMs: 5 * MIN,
    events: [claimAt('2025-06-03T10:10:00.000Z')],
  });

  it('THEN the reminder goes to the claimant, the channel mention waits for the lapse, and the rest runs as usual', () => {
    expect(timeline(walk.messages)).toEqual([
      '2025-06-03T10:00:00.000Z 0:0 notify channel',
      '2025-06-03T10:30:00.000Z 1:0 remind claimant',
      '2025-06-03T12:10:00.000Z 2:0 mention channel',
      '2025-06-03T13:30:00.000Z 3:0 warn channel',
      '2025-06-03T14:00:00.000Z 4:0 escalate admins',
      '2025-06-03T16:00:00.000Z 5:0 page owner',
    ]);
  });

  it('THEN the lapse is reported once, at 12:10, and the caller clears the claim', () => {
    expect(walk.claimLapsedAt).toEqual(['2025-06-03T12:10:00.000Z']);
  });
});

describe('GIVEN a claimant who confirms every hour until 15:10', () => {
  const confirmations = [10, 11, 12, 13, 14, 15].map((h) => claimAt(`2025-06-03T${h}:10:00.000Z`));
  const walk = walkGate({ gate: pendingGate(OPENED), policy: policyOf(), from: OPENED, to: END, stepMs: 5 * MIN, events: confirmations });

  it('THEN the channel never hears of it before the deadline; escalation and paging still happen', () => {
    expect(timeline(walk.messages)).toEqual([
      '2025-06-03T10:00:00.000Z 0:0 notify channel',
      '2025-06-03T10:30:00.000Z 1:0 remind claimant',
      // The held mention and warning are stale after the breach: folded into the escalation.
      '2025-06-03T14:00:00.000Z 4:0 escalate admins +[2:0,3:0]',
      '2025-06-03T16:00:00.000Z 5:0 page owner',
    ]);
    expect(walk.claimLapsedAt).toEqual(['2025-06-03T17:10:00.000Z']);
    expect(walk.deadlineActions).toEqual([{ at: '2025-06-03T14:00:00.000Z', action: 'escalate' }]);
  });
});

describe('GIVEN a claimed gate and a channel step after the deadline', () => {
  const policy = policyOf({
    steps: [
      { at: '0', action: 'notify' },
      { at: '30m', action: 'remind', repeat: { every: '30m', max: 2 } },
      { at: 'deadline', action: 'escalate' },
      { at: 'deadline+1h', action: 'here' },
    ],
    claim_lapse: '6h',
  });
  const gate = pendingGate(OPENED, { claimedBy: 'bob', claimedAt: OPENED });

  it('THEN every reminder goes to the claimant and the @here waits until the claim lapses', () => {
    const walk = walkGate({ gate, policy, from: OPENED, to: END, stepMs: 5 * MIN });
    expect(timeline(walk.messages)).toEqual([
      '2025-06-03T10:30:00.000Z 1:0 remind claimant',
      '2025-06-03T11:00:00.000Z 1:1 remind claimant',
      '2025-06-03T11:30:00.000Z 1:2 remind claimant',
      // The held notify is a pre-deadline step: at the breach it folds into the escalation.
      '2025-06-03T14:00:00.000Z 2:0 escalate admins +[0:0]',
      // A post-deadline channel step is held until the claim lapses, then sent.
      '2025-06-03T16:00:00.000Z 3:0 here channel',
    ]);
  });

  it('THEN nextAt points at the lapse while a held step waits for it', () => {
    const plan = planEscalation({ gate, policy, fired: new Set(['0:0', '1:0', '1:1', '1:2', '2:0', 'deadline:action']), now: at('2025-06-03T14:30:00.000Z') });
    expect(plan.due).toBeNull();
    expect(plan.nextAt?.toISOString()).toBe('2025-06-03T16:00:00.000Z');
  });
});
