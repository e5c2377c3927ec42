import { SYSTEM_ACTOR } from '../domain/actor';
import type { GateRecord } from '../domain/records';
import type { Priority } from '../domain/views';
import type { EngineAction } from '../engine/types';
import { completeBlocks, startBlocks } from './block-batch.store';
import { applyBlockAction, markBlockWaiting } from './block-transitions.store';
import type { Queryable } from './db-schema';
import { insertGate, settleGate } from './gates.store';
import { endRun } from './runs.store';

type OpenGate = Extract<EngineAction, { type: 'open-gate' }>;
type Start = Extract<EngineAction, { type: 'start-block' }>;
type Complete = Extract<EngineAction, { type: 'complete-block' }>;

/** What the SLA policy says about a gate being opened (the engine's action does not carry time). */
export interface GateOpening {
  priority?: Priority;
  deadlineAt?: Date | null;
  nextEscalationAt?: Date | null;
  /** Clarifications: who is asked (a team, role or principal). */
  target?: string | null;
}

export interface ApplyContext {
  now: Date;
  /** Priority, deadline and first escalation of a gate an `open-gate` action opens. */
  gateOpening?: (action: OpenGate) => GateOpening;
}

export interface AppliedAction {
  action: EngineAction;
  /** False when the state already was what the action describes (a repeated action). */
  changed: boolean;
  /** The gate an `open-gate` action opened (or found already open). */
  gate?: GateRecord;
}

/**
 * Applies one engine action to the stored run, mirroring src/engine/apply-action.ts. Guided and
 * auto gates are stored already approved by the system (via "autonomy"), unsettled, so the next
 * evaluation runs on and the audit shows them. Call inside the transaction that holds the run's
 * lock (getRunForUpdate); audit rows and outbox messages are the caller's.
 */
export async function applyEngineAction(trx: Queryable, runId: string, action: EngineAction, ctx: ApplyContext): Promise<AppliedAction> {
  switch (action.type) {
    case 'open-gate': {
      const opening = ctx.gateOpening?.(action) ?? {};
      const { gate, created } = await insertGate(trx, {
        runId,
        blockId: action.blockId,
        position: action.position,
        kind: action.kind,
        attempt: action.attempt,
        mode: action.mode,
        question: action.question ?? null,
        target: opening.target ?? null,
        budgetLimit: action.budgetLimit ?? null,
        priority: opening.priority,
        deadlineAt: opening.deadlineAt ?? null,
        nextEscalationAt: opening.nextEscalationAt ?? null,
        now: ctx.now,
        ...(action.mode === 'gate' ? {} : { decided: { status: 'approved' as const, by: SYSTEM_ACTOR, via: 'autonomy' as const } }),
      });
      if (created) await markBlockWaiting(trx, runId, action);
      return { action, changed: created, gate };
    }
    case 'settle-gate':
      return { action, changed: await settleGate(trx, action.gateId) };
    case 'complete-run':
      return { action, changed: (await endRun(trx, runId, { status: 'completed', now: ctx.now })) !== undefined };
    case 'fail-run':
      return { action, changed: (await endRun(trx, runId, { status: 'failed', now: ctx.now, reason: action.reason })) !== undefined };
    default:
      return { action, changed: await applyBlockAction(trx, runId, action, ctx.now) };
  }
}

/**
 * Applies one engine step in the caller's transaction; results in the order of `actions`. The
 * starts and completions of blocks that have no other action in the step are applied together
 * (one statement each kind, see block-batch.store): they touch one row each and do not depend on
 * each other. Everything else is applied one by one, in order.
 */
export async function applyEngineActions(trx: Queryable, runId: string, actions: readonly EngineAction[], ctx: ApplyContext): Promise<AppliedAction[]> {
  const perBlock = new Map<string, number>();
  for (const a of actions) if ('blockId' in a) perBlock.set(a.blockId, (perBlock.get(a.blockId) ?? 0) + 1);
  const alone = (a: EngineAction) => 'blockId' in a && perBlock.get(a.blockId) === 1;
  const starts = actions.filter((a): a is Start => a.type === 'start-block' && alone(a));
  const completes = actions.filter((a): a is Complete => a.type === 'complete-block' && alone(a));
  const batched = new Set<EngineAction>(starts.length > 1 || completes.length > 1 ? [...(starts.length > 1 ? starts : []), ...(completes.length > 1 ? completes : [])] : []);
  const started = starts.length > 1 ? await startBlocks(trx, runId, starts) : new Set<string>();
  const completed = completes.length > 1 ? await completeBlocks(trx, runId, completes, ctx.now) : new Set<string>();
  const applied: AppliedAction[] = [];
  for (const action of actions) {
    if (!batched.has(action)) applied.push(await applyEngineAction(trx, runId, action, ctx));
    else applied.push({ action, changed: (action.type === 'start-block' ? started : completed).has((action as Start | Complete).blockId) });
  }
  return applied;
}
