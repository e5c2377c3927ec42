import { describe, expect, it } from 'vitest';
import { DEADLINE_ACTION_KEY, planEscalation, resolvePolicy } from '../../../src/engine/sla';
import type { ResolvedPolicy } from '../../../src/engine/sla';
import { HOUR, MIN, at, pendingGate, policyOf, walkGate } from './sla-fixtures';

const OPENED = at('2025-06-03T10:00:00.000Z');
const DEADLINE = at('2025-06-03T14:00:00.000Z');
const walk = (policy: ResolvedPolicy) =>
  walkGate({ gate: pendingGate(OPENED), policy, from: OPENED, to: new Date(OPENED.getTime() + 48 * HOUR), stepMs: 5 * MIN });

describe('GIVEN a deadline action', () => {
  it('WHEN none is configured THEN the gate escalates at the deadline, once', () => {
    expect(walk(policyOf()).deadlineActions).toEqual([{ at: '2025-06-03T14:00:00.000Z', action: 'escalate' }]);
  });

  it('WHEN on_deadline is reject THEN reject is returned once at the deadline (fail closed)', () => {
    expect(walk(policyOf({ on_deadline: 'reject' })).deadlineActions).toEqual([{ at: '2025-06-03T14:00:00.000Z', action: 'reject' }]);
  });

  it('WHEN on_deadline is approve and allow_auto_approve is true THEN approve is returned once', () => {
    const policy = policyOf({ on_deadline: 'approve', allow_auto_approve: true });
    expect(walk(policy).deadlineActions).toEqual([{ at: '2025-06-03T14:00:00.000Z', action: 'approve' }]);
  });

  it('WHEN on_deadline is approve without allow_auto_approve THEN the policy is refused with a reason', () => {
    const result = resolvePolicy([{ on_deadline: 'approve' }]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toEqual([expect.objectContaining({ path: 'on_deadline', message: expect.stringContaining('allow_auto_approve') })]);
  });

  it('WHEN a later layer turns allow_auto_approve off THEN approve from an earlier layer is refused', () => {
    const result = resolvePolicy([{ on_deadline: 'approve', allow_auto_approve: true }, { allow_auto_approve: false }]);
    expect(result.ok).toBe(false);
  });

  it('WHEN a hand-built policy says approve without the opt-in THEN the planner escalates instead', () => {
    const policy: ResolvedPolicy = { ...policyOf(), onDeadline: 'approve', allowAutoApprove: false };
    const plan = planEscalation({ gate: pendingGate(OPENED), policy, fired: new Set(), now: DEADLINE });
    expect(plan.deadlineAction).toBe('escalate');
  });

  it('THEN one millisecond before the deadline nothing is decided, and nextAt is the deadline', () => {
    const plan = planEscalation({ gate: pendingGate(OPENED), policy: policyOf({ on_deadline: 'reject' }), fired: new Set(['0:0', '1:0', '2:0', '3:0']), now: new Date(DEADLINE.getTime() - 1) });
    expect(plan.deadlineAction).toBeNull();
    expect(plan.nextAt).toEqual(DEADLINE);
  });

  it('THEN once recorded it is not returned again', () => {
    const plan = planEscalation({ gate: pendingGate(OPENED), policy: policyOf(), fired: new Set([DEADLINE_ACTION_KEY]), now: new Date(DEADLINE.getTime() + HOUR) });
    expect(plan.deadlineAction).toBeNull();
  });

  it('THEN the gate deadline, when set, wins over the policy deadline', () => {
    const gate = pendingGate(OPENED, { deadlineAt: at('2025-06-03T11:00:00.000Z') });
    const plan = planEscalation({ gate, policy: policyOf({ on_deadline: 'reject' }), fired: new Set(), now: at('2025-06-03T11:00:00.000Z') });
    expect(plan.deadlineAction).toBe('reject');
  });
});
