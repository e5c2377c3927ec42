import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEADLINE_ACTION_KEY, planEscalation, resolvePolicy } from '../../../src/engine/sla';
import type { ResolvedPolicy, SlaGate } from '../../../src/engine/sla';
import type { SlaPolicy } from '../../../src/schema/sla';
import { LADDER_ACTIONS } from '../../../src/schema/sla';
import { HOUR, MIN, walkGate } from './sla-fixtures';

const minutes = (min: number, max: number) => fc.integer({ min, max }).map((m) => m * MIN);

const stepTiming = fc.oneof(
  fc.constant('0'),
  fc.integer({ min: 1, max: 600 }).map((m) => `${m}m`),
  fc.constant('deadline'),
  fc.integer({ min: 1, max: 240 }).map((m) => `deadline-${m}m`),
  fc.integer({ min: 1, max: 240 }).map((m) => `deadline+${m}m`),
);

const ladderStep = fc.record(
  {
    at: stepTiming,
    action: fc.constantFrom(...LADDER_ACTIONS),
    repeat: fc.record({ every: minutes(5, 180), max: fc.integer({ min: 1, max: 4 }) }),
    urgent: fc.boolean(),
  },
  { requiredKeys: ['at', 'action'] },
);

const slaPolicy: fc.Arbitrary<SlaPolicy> = fc.record(
  {
    deadline: minutes(30, 12 * 60),
    steps: fc.array(ladderStep, { minLength: 1, maxLength: 6 }),
    on_deadline: fc.constantFrom('escalate' as const, 'reject' as const),
    claim_lapse: minutes(30, 4 * 60),
    quiet_hours: fc.record({
      timezone: fc.constantFrom('Europe/Berlin', 'America/New_York', 'Asia/Tokyo'),
      hours: fc.constantFrom('09:00-18:00', '08:30-17:00', '10:00-16:00'),
      days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
    }),
  },
  { requiredKeys: [] },
);

const policy: fc.Arbitrary<ResolvedPolicy> = slaPolicy.map((p) => {
  const resolved = resolvePolicy([p]);
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.error));
  return resolved.value;
});

// 2025, including both European and American DST changes; minute-aligned like real sweeps.
const openedAt = fc.integer({ min: Date.UTC(2025, 0, 1) / MIN, max: Date.UTC(2025, 11, 1) / MIN }).map((m) => new Date(m * MIN));

const gate: fc.Arbitrary<SlaGate> = fc
  .record({
    opened: openedAt,
    deadlineOffset: fc.option(minutes(10, 10 * 60), { nil: undefined }),
    claimOffset: fc.option(minutes(-60, 6 * 60), { nil: undefined }),
    snoozeOffset: fc.option(minutes(0, 15 * 60), { nil: undefined }),
  })
  .map(({ opened, deadlineOffset, claimOffset, snoozeOffset }) => ({
    id: 'g',
    status: 'pending' as const,
    openedAt: opened,
    ...(deadlineOffset !== undefined ? { deadlineAt: new Date(opened.getTime() + deadlineOffset) } : {}),
    ...(claimOffset !== undefined ? { claimedBy: 'alice', claimedAt: new Date(opened.getTime() + claimOffset) } : {}),
    ...(snoozeOffset !== undefined ? { snoozedUntil: new Date(opened.getTime() + snoozeOffset) } : {}),
  }));

const HORIZON = 48 * HOUR;
const walk = (g: SlaGate, p: ResolvedPolicy, stepMs: number) =>
  walkGate({ gate: g, policy: p, from: g.openedAt, to: new Date(g.openedAt.getTime() + Math.ceil(HORIZON / stepMs) * stepMs), stepMs });

describe('planEscalation properties', () => {
  it('THEN no key is ever due twice when the caller records what it fires, and nothing falls through within 48h', () => {
    fc.assert(
      fc.property(gate, policy, minutes(1, 30), (g, p, stepMs) => {
        const result = walk(g, p, stepMs);
        expect(new Set(result.recorded).size).toBe(result.recorded.length);
        const total = p.steps.reduce((n, s) => n + 1 + (s.repeat?.max ?? 0), 0);
        // Every send of every step is either sent or folded, and the deadline action ran once.
        expect(result.fired.size).toBe(total + 1);
        expect(result.deadlineActions).toHaveLength(1);
        expect(result.lastNextAt).toBeNull();
      }),
      { numRuns: 60 },
    );
  });

  it('THEN nextAt is in the future, nothing becomes due before it, and something does at it', () => {
    fc.assert(
      fc.property(gate, policy, minutes(0, 30 * 60), fc.double({ min: 0, max: 1, noNaN: true }), (g, p, elapsed, fraction) => {
        // Reach a realistic state: a sweep ran every 10 minutes up to `now`.
        const now = new Date(g.openedAt.getTime() + elapsed);
        const history = walkGate({ gate: g, policy: p, from: g.openedAt, to: now, stepMs: 10 * MIN });
        const plan = planEscalation({ gate: g, policy: p, fired: history.fired, now });
        const fired = new Set([...history.fired, ...plan.keysToRecord]);
        if (plan.nextAt === null) {
          const much = planEscalation({ gate: g, policy: p, fired, now: new Date(now.getTime() + 100 * HOUR) });
          expect(much.due).toBeNull();
          expect(much.deadlineAction).toBeNull();
          return;
        }
        expect(plan.nextAt.getTime()).toBeGreaterThan(now.getTime());
        const probe = new Date(now.getTime() + Math.floor((plan.nextAt.getTime() - now.getTime() - 1) * fraction));
        const before = planEscalation({ gate: g, policy: p, fired, now: probe });
        expect(before.due).toBeNull();
        expect(before.deadlineAction).toBeNull();
        expect(before.claimLapsed).toBe(plan.claimLapsed);
        const atNext = planEscalation({ gate: g, policy: p, fired, now: plan.nextAt });
        expect(atNext.due !== null || atNext.deadlineAction !== null || atNext.claimLapsed !== plan.claimLapsed).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('THEN stepping the clock coarser never sends more messages, and ends with the same keys recorded', () => {
    fc.assert(
      fc.property(gate, policy, minutes(1, 20), fc.integer({ min: 2, max: 12 }), (g, p, fineMs, factor) => {
        const fine = walk(g, p, fineMs);
        const coarse = walk(g, p, fineMs * factor);
        expect(coarse.messages.length).toBeLessThanOrEqual(fine.messages.length);
        expect([...coarse.fired].sort()).toEqual([...fine.fired].sort());
        expect(coarse.fired.has(DEADLINE_ACTION_KEY)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('THEN a decided gate never plans anything', () => {
    fc.assert(
      fc.property(gate, policy, fc.constantFrom('approved' as const, 'rejected' as const, 'expired' as const, 'cancelled' as const), minutes(0, 48 * 60), (g, p, status, elapsed) => {
        const plan = planEscalation({ gate: { ...g, status }, policy: p, fired: new Set(), now: new Date(g.openedAt.getTime() + elapsed) });
        expect(plan).toEqual({ due: null, nextAt: null, deadlineAction: null, claimLapsed: false, keysToRecord: [] });
      }),
    );
  });
});
