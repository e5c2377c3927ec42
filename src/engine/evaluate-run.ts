import type { EvaluationContext } from './evaluation-context';
import type { EngineAction } from './types';

/**
 * The run-level verdict, asked only when no block has anything left to do in this step: complete
 * when every block is done or skipped; failed when nothing can move any more and a block failed
 * (or was cancelled, which a run cannot recover from either).
 */
export function evaluateRun(ctx: EvaluationContext): EngineAction[] {
  let active = 0;
  let finished = 0;
  const failed: string[] = [];
  const cancelled: string[] = [];
  const ids = ctx.index.ids;
  for (let position = 0; position < ids.length; position++) {
    const status = ctx.view.stateAt(position).status;
    if (status === 'done' || status === 'skipped') finished++;
    else if (status === 'failed') failed.push(ids[position]!);
    else if (status === 'cancelled') cancelled.push(ids[position]!);
    else if (status !== 'blocked') active++;
  }
  if (finished === ids.length) return [{ type: 'complete-run' }];
  if (active > 0) return [];
  if (failed.length > 0) return [{ type: 'fail-run', failedBlocks: failed, reason: describe(failed, 'failed') }];
  if (cancelled.length > 0) return [{ type: 'fail-run', failedBlocks: cancelled, reason: describe(cancelled, 'was cancelled') }];
  return [];
}

function describe(ids: readonly string[], verb: string): string {
  const names = ids.map((id) => `\`${id}\``).join(', ');
  if (ids.length === 1) return `block ${names} ${verb}`;
  return `${ids.length} blocks ${verb === 'failed' ? 'failed' : 'were cancelled'}: ${names}`;
}
