import type { BlockState, GateState } from '../domain/run';
import type { Block } from '../schema/block';
import { acceptWork, scoreOf } from './accept-work';
import { beginAttempt, type EvaluationContext } from './evaluation-context';
import type { EngineAction } from './types';

/**
 * A block waiting on a gate: once the current gate is decided and not yet settled, act on the
 * decision and settle the gate in the same step (so a decision is acted on exactly once).
 */
export function evaluateWaiting(ctx: EvaluationContext, block: Block, state: BlockState): EngineAction[] {
  const gate = decidedGate(ctx, block.id);
  if (!gate) return [];
  const settle: EngineAction = { type: 'settle-gate', gateId: gate.id };
  const caused = gate.kind === 'budget' ? decideBudget(block, gate) : gate.position === 'before' ? decideBefore(block, gate) : decideAfter(ctx, block, state, gate);
  return [...caused, settle];
}

/** The unsettled, decided gate the block waits on; an after-gate wins a tie (it comes later in an attempt). */
function decidedGate(ctx: EvaluationContext, blockId: string): GateState | undefined {
  const before = ctx.view.gateOf(blockId, 'before');
  const after = ctx.view.gateOf(blockId, 'after');
  const open = [after, before].filter((g): g is GateState => !!g && !g.settled && g.status !== 'pending');
  if (open.length < 2) return open[0];
  return open[0]!.attempt >= open[1]!.attempt ? open[0] : open[1];
}

/** A budget gate holds an attempt already made ready: approving releases it, anything else stops the block. */
function decideBudget(block: Block, gate: GateState): EngineAction[] {
  if (gate.status === 'approved') return [{ type: 'release-block', blockId: block.id, attempt: gate.attempt, gateId: gate.id }];
  const why = gate.status === 'rejected' ? `stopped at its budget${gate.reason ? `: ${gate.reason}` : ''}` : `the budget gate ${gate.status === 'expired' ? 'expired without a decision' : 'was cancelled'}`;
  return [{ type: 'fail-block', blockId: block.id, reason: why, gateId: gate.id }];
}

function decideBefore(block: Block, gate: GateState): EngineAction[] {
  const gateId = gate.id;
  switch (gate.status) {
    case 'approved':
      return [beginAttempt(block, gate.attempt, 'gate-approved')];
    case 'rejected':
      return [{ type: 'skip-block', blockId: block.id, reason: gate.reason || 'the before-gate was rejected', gateId }];
    case 'cancelled':
      return [{ type: 'skip-block', blockId: block.id, reason: 'the before-gate was cancelled', gateId }];
    default:
      return [{ type: 'fail-block', blockId: block.id, reason: 'the before-gate expired without a decision', gateId }];
  }
}

function decideAfter(ctx: EvaluationContext, block: Block, state: BlockState, gate: GateState): EngineAction[] {
  const gateId = gate.id;
  if (gate.status === 'expired' || gate.status === 'cancelled') {
    const what = gate.kind === 'approval' ? 'after-gate' : gate.kind === 'task' ? 'task' : 'clarification';
    return [{ type: 'fail-block', blockId: block.id, reason: `the ${what} ${gate.status === 'expired' ? 'expired without a decision' : 'was cancelled'}`, gateId }];
  }
  const approved = gate.status === 'approved';
  switch (gate.kind) {
    case 'approval':
      if (approved) return [{ type: 'complete-block', blockId: block.id, score: scoreOf(block, state.outcome) ?? state.score ?? null, gateId }];
      return rework(block, state, gate);
    case 'clarification':
      if (approved) return [beginAttempt(block, state.attempts + 1, 'clarified', gate.reason ?? '')];
      return [{ type: 'fail-block', blockId: block.id, reason: `the clarification was declined${gate.reason ? `: ${gate.reason}` : ''}`, gateId }];
    case 'task':
      // A person's completed task has no metrics, so thresholds do not apply to it.
      if (approved) return [acceptWork(ctx, block, state, null)];
      return [{ type: 'fail-block', blockId: block.id, reason: `the task was rejected${gate.reason ? `: ${gate.reason}` : ''}`, gateId }];
    case 'budget':
      return decideBudget(block, gate);
  }
}

/**
 * A rejected after-gate sends the block back with the reviewer's feedback, at most max_reworks
 * times. A manual block's rework is another task for a person, opened in the same step so that
 * no runner ever sees it ready.
 */
function rework(block: Block, state: BlockState, gate: GateState): EngineAction[] {
  const rejections = state.reworks + 1;
  if (state.reworks >= block.max_reworks) {
    const last = gate.reason ? `; last feedback: ${gate.reason}` : '';
    return [{ type: 'fail-block', blockId: block.id, reason: `rejected ${rejections} time${rejections === 1 ? '' : 's'}${last}`, gateId: gate.id }];
  }
  const feedback = gate.reason ?? '';
  const attempt = state.attempts + 1;
  const again: EngineAction = { type: 'rework-block', blockId: block.id, attempt, feedback, gateId: gate.id };
  return block.runtime === 'manual' ? [again, beginAttempt(block, attempt, 'initial', `Rework requested: ${feedback}`)] : [again];
}
