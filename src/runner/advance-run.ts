import { SYSTEM_ACTOR } from '../domain/actor';
import type { RunRecord } from '../domain/records';
import { buildBlockFailedCard, buildBlockNoticeCard, buildGateCard, buildRunFinishedCard, buildRunStatusCard } from '../cards';
import type { EngineAction } from '../engine/types';
import type { FileConfig } from '../config-file';
import type { SlaPolicy } from '../schema/sla';
import { routeClarification } from './clarification-target';
import { recordAudit } from '../store/audit.store';
import { applyEngineActions, type AppliedAction } from '../store/apply-engine-action.store';
import type { Queryable } from '../store/db-schema';
import { getRun, getRunForUpdate, touchRun } from '../store/runs.store';
import { changedBy, engineStep } from './engine-step';
import { loadRun, loadRunView } from './load-run';
import type { Notifier } from './notifier';
import { gateOpening, recordOpeningNotice } from './open-gate';
import { blockOf, toGateView } from './read-models';
import { getLatestArtifacts } from '../store/artifacts.store';

export interface AdvanceDeps {
  notifier: Notifier;
  /** Teams a clarification may be routed to (the config file's `teams`). */
  teams?: FileConfig['teams'];
  escalationDefaults?: SlaPolicy;
  publicBaseUrl?: string;
}

/** More rounds than any real template needs: each round settles at least one block or gate. */
const MAX_ROUNDS = 500;

/** Routine progress refreshes the status card at most this often; milestones always do. */
export const STATUS_CARD_MIN_INTERVAL_MS = 2_000;
const ROUTINE: ReadonlySet<EngineAction['type']> = new Set(['start-block', 'complete-block', 'settle-gate', 'unblock-block']);

type OpenGate = Extract<EngineAction, { type: 'open-gate' }>;

export interface AdvanceOptions {
  /**
   * The blocks whose state changed since the run was last at rest (a recorded outcome, a decided
   * gate): only their neighbourhood is evaluated. Omitted: the whole run is.
   */
  changed?: Iterable<string>;
  /** The run as the caller already locked it (getRunForUpdate) in this transaction. */
  locked?: RunRecord;
}

/**
 * Moves a run forward in the caller's transaction: asks the engine for the next actions, applies
 * them (with their audit rows and outbox rows), and asks again until nothing is left. The run row is
 * locked first, so two transactions never advance one run at once. Each step after the first
 * evaluates only what the previous step changed (see `engineStep`).
 */
export async function advanceRun(db: Queryable, runId: string, now: Date, deps: AdvanceDeps, opts: AdvanceOptions = {}): Promise<{ run: RunRecord; actions: EngineAction[] }> {
  const locked = opts.locked ?? (await getRunForUpdate(db, runId));
  if (!locked) throw new Error(`run ${runId} vanished while advancing`);
  let run = locked;
  const applied: EngineAction[] = [];
  const ctx = { now, gateOpening: (action: OpenGate) => gateOpening(run, action, now, deps.escalationDefaults) };
  let changed: Set<string> | null = opts.changed ? new Set(opts.changed) : null;
  for (let round = 0; round < MAX_ROUNDS && run.status === 'running'; round++) {
    const step = await engineStep(db, run, changed, now);
    if (step.actions.length === 0) break;
    for (const result of await applyEngineActions(db, run.id, step.actions, ctx)) {
      if (result.changed) run = await recordEffects(db, run, result, now, deps);
    }
    applied.push(...step.actions);
    changed = changedBy(step.actions, step.gates);
  }
  // Rebuilding the status card reads the whole run; on a wide run doing it for every completed
  // block made each completion cost O(blocks). Gates, failures and the end always refresh it.
  const milestone = applied.some((a) => !ROUTINE.has(a.type));
  const quiet = now.getTime() - locked.updatedAt.getTime() < STATUS_CARD_MIN_INTERVAL_MS;
  if (applied.length > 0) await touchRun(db, run.id, now);
  if (applied.length > 0 && (milestone || !quiet)) {
    const view = await loadRunView(db, run, deps.publicBaseUrl);
    await deps.notifier.updateSubject(db, `run:${run.id}`, buildRunStatusCard(view, { now, publicBaseUrl: deps.publicBaseUrl }), `${now.getTime()}:${applied.length}`, now);
  }
  return { run, actions: applied };
}

/** The audit rows and messages that go with one applied action (its state change is already made). */
async function recordEffects(db: Queryable, run: RunRecord, result: AppliedAction, now: Date, deps: AdvanceDeps): Promise<RunRecord> {
  const action = result.action;
  const audit = (act: string, entityType: string, entityId: string, extra: { gateId?: string; changes?: object; metadata?: Record<string, unknown> } = {}) =>
    recordAudit(db, { at: now, actor: SYSTEM_ACTOR, action: act, entityType, entityId, runId: run.id, ...extra });
  const blockName = (id: string) => blockOf(run, id)?.name ?? id;
  const card = { now, publicBaseUrl: deps.publicBaseUrl };

  switch (action.type) {
    case 'open-gate': {
      const gate = result.gate!;
      await recordOpeningNotice(db, run, gate, now, deps.escalationDefaults);
      await audit(action.mode === 'gate' ? 'gate.opened' : `gate.${action.mode}_approved`, 'gate', gate.id, {
        gateId: gate.id,
        metadata: {
          block: action.blockId,
          position: action.position,
          kind: action.kind,
          attempt: action.attempt,
          mode: action.mode,
          ...(gate.target ? { target: gate.target } : {}),
          ...(action.escalate ? { escalated: 'clarification hop limit reached' } : {}),
          ...(action.budgetLimit ? { budget: action.budgetLimit } : {}),
        },
      });
      const { blocks } = await loadRun(db, run);
      const view = toGateView(run, gate, blocks, await getLatestArtifacts(db, run.id, { blockIds: [action.blockId] }), deps.publicBaseUrl);
      if (action.mode === 'auto') {
        await deps.notifier.toRunThread(db, run, `gate:${gate.id}`, buildBlockNoticeCard({ kind: 'auto-approved', blockName: view.blockName, runName: run.name }), now);
      } else {
        const route = gate.kind === 'clarification' ? routeClarification(gate.target, deps.teams) : null;
        await deps.notifier.gateOpened(db, run, gate.id, buildGateCard(view, card), now, route?.channel ?? undefined);
      }
      return run;
    }
    case 'settle-gate':
      return run;
    case 'complete-run':
    case 'fail-run': {
      const ended = (await getRun(db, run.id))!;
      const reason = action.type === 'fail-run' ? action.reason : null;
      await audit(action.type === 'complete-run' ? 'run.completed' : 'run.failed', 'run', run.id, {
        changes: { from: 'running', to: ended.status },
        ...(reason ? { metadata: { reason } } : {}),
      });
      const finished = buildRunFinishedCard(await loadRunView(db, ended, deps.publicBaseUrl), card);
      if (action.type === 'fail-run') await deps.notifier.alert(db, ended, 'finished', finished, now);
      else await deps.notifier.toRunThread(db, ended, 'finished', finished, now);
      return ended;
    }
    default: {
      await audit(`block.${action.type.replace('-block', '')}`, 'block', action.blockId, { metadata: describeBlockAction(action) });
      if (action.type === 'fail-block') {
        const view = await loadRunView(db, run, deps.publicBaseUrl);
        const block = view.blocks.find((b) => b.id === action.blockId);
        if (block) await deps.notifier.alert(db, run, `failed:${action.blockId}:${block.attempts}`, buildBlockFailedCard(view, block, card), now);
      } else if (action.type === 'retry-block' || action.type === 'rework-block' || action.type === 'complete-block') {
        const kind = action.type === 'retry-block' ? 'retry' : action.type === 'rework-block' ? 'rework' : 'done';
        const detail = action.type === 'retry-block' ? action.reason : action.type === 'rework-block' ? action.feedback : action.score != null ? `score ${action.score}` : null;
        const key = `${action.blockId}:${action.type}:${'attempt' in action ? action.attempt : 'done'}`;
        await deps.notifier.toRunThread(db, run, key, buildBlockNoticeCard({ kind, blockName: blockName(action.blockId), runName: run.name, detail }), now);
      }
      return run;
    }
  }
}

function describeBlockAction(action: EngineAction): Record<string, unknown> {
  const { type: _type, blockId: _block, ...rest } = action as EngineAction & { blockId: string };
  return rest;
}
