import { SYSTEM_ACTOR } from '../domain/actor';
import type { RunRecord } from '../domain/records';
import { buildBlockFailedCard, buildBlockNoticeCard, buildGateCard, buildRunFinishedCard, buildRunStatusCard } from '../cards';
import { nextActions } from '../engine/next-actions';
import type { EngineAction } from '../engine/types';
import type { FileConfig } from '../config-file';
import type { SlaPolicy } from '../schema/sla';
import { routeClarification } from './clarification-target';
import { appendAudit } from '../store/audit.store';
import { applyEngineAction, type AppliedAction } from '../store/apply-engine-action.store';
import type { Queryable } from '../store/db-schema';
import { loadRunState } from '../store/run-snapshot.store';
import { getRun, touchRun } from '../store/runs.store';
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

/**
 * Moves a run forward in the caller's transaction: asks the engine for the next actions, applies
 * them (with their audit rows and outbox rows), and asks again until nothing is left. The run row is
 * locked first, so two transactions never advance one run at once.
 */
export async function advanceRun(db: Queryable, runId: string, now: Date, deps: AdvanceDeps): Promise<{ run: RunRecord; actions: EngineAction[] }> {
  let state = await loadRunState(db, runId, { lock: true });
  if (!state) throw new Error(`run ${runId} vanished while advancing`);
  let run = state.run;
  const applied: EngineAction[] = [];
  const ctx = { now, gateOpening: (action: OpenGate) => gateOpening(run, action, now, deps.escalationDefaults) };
  for (let round = 0; round < MAX_ROUNDS && run.status === 'running'; round++) {
    const actions = nextActions(state.snapshot, now);
    if (actions.length === 0) break;
    for (const action of actions) {
      const result = await applyEngineAction(db, run.id, action, ctx);
      if (result.changed) run = await recordEffects(db, run, result, now, deps);
    }
    applied.push(...actions);
    state = (await loadRunState(db, runId))!;
  }
  // Rebuilding the status card reads the whole run; on a wide run doing it for every completed
  // block made each completion cost O(blocks). Gates, failures and the end always refresh it.
  const milestone = applied.some((a) => !ROUTINE.has(a.type));
  const quiet = now.getTime() - state.run.updatedAt.getTime() < STATUS_CARD_MIN_INTERVAL_MS;
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
    appendAudit(db, { at: now, actor: SYSTEM_ACTOR, action: act, entityType, entityId, runId: run.id, ...extra });
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
        await deps.notifier.gateOpened(db, run, gate, buildGateCard(view, card), now, route?.channel ?? undefined);
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
