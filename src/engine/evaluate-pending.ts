import type { BlockState } from '../domain/run';
import type { Block } from '../schema/block';
import { effectiveGate } from './effective-gate';
import { beginAttempt, type EvaluationContext } from './evaluation-context';
import type { EngineAction } from './types';

const NONE: EngineAction[] = [];

/** How a block's dependencies stand, without allocating in the common all-fine case. */
const enum Standing {
  AllDone,
  InProgress,
  /** A dependency failed or is blocked. */
  Failing,
  /** A dependency was skipped or cancelled: it will never produce output. */
  Gone,
}

function standingOf(ctx: EvaluationContext, position: number): Standing {
  let standing = Standing.AllDone;
  for (const dep of ctx.index.depPositions[position]!) {
    const status = ctx.view.stateAt(dep).status;
    if (status === 'skipped' || status === 'cancelled') return Standing.Gone;
    if (status === 'failed' || status === 'blocked') standing = Standing.Failing;
    else if (status !== 'done' && standing === Standing.AllDone) standing = Standing.InProgress;
  }
  return standing;
}

/** Dependencies (ids, in dependency order) whose status is one of `statuses`. */
function depsWith(ctx: EvaluationContext, position: number, statuses: ReadonlySet<string>): string[] {
  return ctx.index.depPositions[position]!.filter((dep) => statuses.has(ctx.view.stateAt(dep).status)).map((dep) => ctx.index.ids[dep]!);
}

const GONE = new Set(['skipped', 'cancelled']);
const FAILING = new Set(['failed', 'blocked']);

/**
 * A pending block: skipped when a dependency will never produce output (that is final, so it wins
 * over a failed dependency, which might still be retried); blocked when a dependency failed or is
 * blocked; otherwise, once every dependency is done, its before-gate opens or its first attempt
 * begins.
 */
export function evaluatePending(ctx: EvaluationContext, block: Block, state: BlockState, position: number): EngineAction[] {
  switch (standingOf(ctx, position)) {
    case Standing.InProgress:
      return NONE;
    case Standing.Gone:
      return [{ type: 'skip-block', blockId: block.id, reason: `its dependency ${listIds(depsWith(ctx, position, GONE))} will not run` }];
    case Standing.Failing:
      return [{ type: 'block-block', blockId: block.id, waitingOn: depsWith(ctx, position, FAILING) }];
    case Standing.AllDone: {
      const attempt = state.attempts + 1;
      const gate = effectiveGate(block, ctx.autonomy);
      if (gate?.position === 'before') {
        return [{ type: 'open-gate', blockId: block.id, position: 'before', kind: 'approval', attempt, mode: gate.mode }];
      }
      return [beginAttempt(block, attempt, 'initial')];
    }
  }
}

/** A blocked block goes back to pending once no dependency is failed or blocked any more. */
export function evaluateBlocked(ctx: EvaluationContext, block: Block, position: number): EngineAction[] {
  return standingOf(ctx, position) === Standing.Failing ? NONE : [{ type: 'unblock-block', blockId: block.id }];
}

function listIds(ids: readonly string[]): string {
  return ids.map((id) => `\`${id}\``).join(', ');
}
