import { parseDuration } from '../../schema/duration';
import type { StepTiming } from './types';

const DEADLINE_PART = /([+-])([^+-]+)/gy;

/**
 * Parses a step's `at`: "0" or "30m" (after the gate opened), "deadline", "deadline-30m",
 * "deadline+2h" (chained offsets such as "deadline+1h-15m" add up). Returns null when the text is
 * none of these, so the caller can say which step is wrong.
 */
export function parseStepTiming(at: string): StepTiming | null {
  const text = at.trim();
  if (!text.startsWith('deadline')) {
    // Plain numbers are milliseconds in durations; "0" is the only plain number a person writes here.
    const ms = parseDuration(text);
    return ms === null ? null : { anchor: 'opened', offsetMs: ms };
  }
  const rest = text.slice('deadline'.length);
  let offsetMs = 0;
  let consumed = 0;
  DEADLINE_PART.lastIndex = 0;
  for (let m = DEADLINE_PART.exec(rest); m; m = DEADLINE_PART.exec(rest)) {
    const ms = parseDuration(m[2]!);
    if (ms === null) return null;
    offsetMs += m[1] === '-' ? -ms : ms;
    consumed = DEADLINE_PART.lastIndex;
  }
  return consumed === rest.length ? { anchor: 'deadline', offsetMs } : null;
}

/** The instant a timing points at for a gate, never before the gate opened. */
export function resolveStepTime(timing: StepTiming, openedMs: number, deadlineMs: number): number {
  const t = (timing.anchor === 'opened' ? openedMs : deadlineMs) + timing.offsetMs;
  // "deadline-5h" on a 4h gate would point before the gate existed: it is simply due at once.
  return Math.max(t, openedMs);
}
