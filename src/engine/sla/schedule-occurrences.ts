import type { QuietHours } from '../../schema/sla';
import { nextWorkingTime } from './next-working-time';
import { resolveStepTime } from './parse-step-timing';
import { audienceOf } from './step-audience';
import type { ResolvedStep } from './types';

/** The facts about one gate at one moment that move its steps in time. */
export interface GateClock {
  openedMs: number;
  deadlineMs: number;
  /** End of an active (not yet lapsed) claim; null when the gate is unclaimed or the claim lapsed. */
  claimHeldUntilMs: number | null;
  snoozedUntilMs: number | null;
  quietHours: QuietHours | null;
}

/** One send of one step: the first (repeat 0) or a repeat. */
export interface Occurrence {
  key: string;
  step: ResolvedStep;
  repeat: number;
  /** When the ladder says it fires. */
  baseMs: number;
  /** When it actually becomes due, after claim, snooze and quiet hours. */
  dueMs: number;
}

/** Every send of every step not yet fired, with the time it becomes due. */
export function scheduleOccurrences(steps: readonly ResolvedStep[], clock: GateClock, fired: ReadonlySet<string>): Occurrence[] {
  const out: Occurrence[] = [];
  for (const step of steps) {
    const first = resolveStepTime(step.timing, clock.openedMs, clock.deadlineMs);
    const count = 1 + (step.repeat?.max ?? 0);
    for (let repeat = 0; repeat < count; repeat += 1) {
      const key = `${step.index}:${repeat}`;
      if (fired.has(key)) continue;
      const baseMs = first + repeat * (step.repeat?.everyMs ?? 0);
      out.push({ key, step, repeat, baseMs, dueMs: shiftOccurrence(step, baseMs, clock) });
    }
  }
  return out;
}

/**
 * When a step planned for `baseMs` becomes due.
 * - A live claim holds back steps aimed at the channel until it lapses.
 * - Before the deadline, a claim, a snooze and quiet hours delay a step, but never past the
 *   deadline: a "deadline approaching" warning or a reminder landing after the breach would be
 *   stale, so it folds into the deadline's own message instead (catch-up collapse).
 * - Steps at or after the deadline ignore snooze and quiet hours: the breach is their point. Only
 *   a live claim holds back the channel ones among them.
 */
export function shiftOccurrence(step: ResolvedStep, baseMs: number, clock: GateClock): number {
  let t = baseMs;
  if (clock.claimHeldUntilMs !== null && audienceOf(step.action, true) === 'channel') {
    t = Math.max(t, clock.claimHeldUntilMs);
  }
  if (baseMs >= clock.deadlineMs) return t;
  if (clock.snoozedUntilMs !== null) t = Math.max(t, Math.min(clock.snoozedUntilMs, clock.deadlineMs));
  if (!step.urgent && clock.quietHours && t < clock.deadlineMs) t = nextWorkingTime(new Date(t), clock.quietHours).getTime();
  return Math.min(t, clock.deadlineMs);
}
