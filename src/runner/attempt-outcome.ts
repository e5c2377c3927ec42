import type { AttemptOutcome } from '../domain/run';
import { ExecutorError, type ExecutorResult } from '../domain/executor';

/** Executor error codes that mean "the output broke its declared shape": a repair round can fix them. */
const OUTPUT_CHECKS: ReadonlySet<string> = new Set(['invalid_result', 'missing_artifacts', 'invalid_artifact']);

/** Turns what an executor returned (or threw) into the outcome the engine settles. */
export function outcomeOf(result: ExecutorResult | { error: unknown; timedOut: boolean }): AttemptOutcome {
  if ('result' in result) {
    const r = result.result;
    if (r.status === 'NEEDS_CLARIFICATION') return { kind: 'needs_clarification', question: r.clarification_needed || r.reasoning || 'The agent needs more information.' };
    if (r.status === 'BLOCKED') return { kind: 'blocked', blockers: r.blockers.length ? r.blockers : [r.reasoning || 'blocked without a reason'] };
    return { kind: 'complete', metrics: { ...r.metrics } };
  }
  const message = result.error instanceof Error ? result.error.message : String(result.error);
  if (result.timedOut) return { kind: 'timeout', error: `timed out: ${message}` };
  const retryable = result.error instanceof ExecutorError ? result.error.retryable : true;
  const check = result.error instanceof ExecutorError && OUTPUT_CHECKS.has(result.error.code);
  return { kind: 'failed', error: message.slice(0, 2000), retryable, ...(check ? { check: 'output' as const } : {}) };
}
