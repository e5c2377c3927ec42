import type { ArtifactRecord, BlockAttempt, BlockRun, RunRecord } from '../domain/records';
import type { AttemptView, BlockDetailsView, GateSummaryView, RunDetailsView } from '../domain/run-details-view';
import type { RunStatus } from '../domain/statuses';
import { computeCriticalPath } from '../engine/compute-critical-path';
import { computeLayers } from '../engine/compute-layers';
import type { Queryable } from '../store/db-schema';
import { listAuditForRun } from '../store/audit.store';
import { listMessageRefs } from '../store/message-refs.store';
import { listArtifactMeta, type ArtifactMeta } from '../store/api-pages.store';
import { getArtifactVersion, listAttemptsForRun, listEscalationStepsForRun } from '../store/run-details.store';
import { getRun, listRuns } from '../store/runs.store';
import { loadRun } from './load-run';
import { blockOf, toAuditEntryView, toBlockView, toGateView } from './read-models';

function toAttemptView(a: BlockAttempt): AttemptView {
  const outcome = a.outcome;
  const metrics = outcome?.kind === 'complete' ? outcome.metrics : {};
  const score = metrics.score ?? Object.values(metrics)[0] ?? null;
  const error = outcome && 'error' in outcome ? outcome.error : outcome?.kind === 'blocked' ? outcome.blockers.join('; ') : null;
  return {
    attempt: a.attempt,
    status: a.status,
    startedAt: a.startedAt,
    endedAt: a.endedAt,
    score,
    error,
    inputTokens: a.usage?.inputTokens ?? 0,
    outputTokens: a.usage?.outputTokens ?? 0,
    costUsd: a.usage?.costUsd ?? 0,
    model: a.usage?.model ?? null,
  };
}

function toBlockDetails(run: RunRecord, state: BlockRun, attempts: BlockAttempt[], artifacts: ArtifactMeta[]): BlockDetailsView {
  const block = blockOf(run, state.blockId);
  return {
    ...toBlockView(run, state),
    type: block?.type ?? 'build',
    runtime: block?.runtime ?? 'manual',
    humanGate: block?.human_gate ?? 'none',
    threshold: block?.threshold ?? null,
    depends: [...new Set(block?.inputs.depends.map((d) => d.block) ?? [])],
    reworks: state.reworks,
    retries: state.retries,
    attemptList: attempts.map(toAttemptView),
    artifacts,
  };
}

/** The whole of one run for the web page, or undefined when there is no such run. */
export async function loadRunDetails(db: Queryable, runId: string): Promise<RunDetailsView | undefined> {
  const run = await getRun(db, runId);
  if (!run) return undefined;
  const { blocks, gates } = await loadRun(db, run);
  const [attempts, artifacts, audit, steps] = await Promise.all([listAttemptsForRun(db, run.id), listArtifactMeta(db, run.id), listAuditForRun(db, run.id, { limit: 1_000 }), listEscalationStepsForRun(db, run.id)]);
  const order = new Map(run.template.blocks.map((b, i) => [b.id, i]));
  const sorted = [...blocks].sort((a, b) => (order.get(a.blockId) ?? 0) - (order.get(b.blockId) ?? 0));
  const details = sorted.map((s) => toBlockDetails(run, s, attempts.filter((a) => a.blockId === s.blockId), artifacts.filter((a) => a.blockId === s.blockId)));
  const chatCards = [];
  for (const gate of gates.filter((g) => g.status === 'pending')) {
    for (const ref of await listMessageRefs(db, `gate:${gate.id}`)) chatCards.push({ gateId: gate.id, platform: ref.platform, channelId: ref.channelId, messageId: ref.messageId });
  }
  const gateViews: GateSummaryView[] = gates.map((g) => {
    const { artifacts: _a, metrics: _m, nextBlocks: _n, ...view } = toGateView(run, g, blocks, []);
    return view;
  });
  return {
    run: runSummary(run, blocks),
    blocks: details,
    waves: computeLayers(run.template),
    criticalPath: computeCriticalPath(run.template).path,
    gates: gateViews,
    chatCards,
    audit: audit.map((e) => toAuditEntryView(e, run.name)),
    escalations: steps.map((s) => ({ gateId: s.gateId, level: s.level, action: s.action, dueAt: s.dueAt, firedAt: s.firedAt })),
  };
}

function runSummary(run: RunRecord, blocks: readonly BlockRun[]): RunDetailsView['run'] {
  return {
    id: run.id,
    name: run.name,
    templateId: run.templateId,
    templateName: run.template.name,
    status: run.status,
    simulate: run.simulate,
    createdBy: run.createdBy,
    createdAt: run.createdAt,
    endedAt: run.endedAt,
    endReason: run.endReason,
    params: run.params,
    autonomy: run.autonomy,
    usage: {
      inputTokens: blocks.reduce((n, b) => n + b.inputTokens, 0),
      outputTokens: blocks.reduce((n, b) => n + b.outputTokens, 0),
      costUsd: blocks.reduce((n, b) => n + b.costUsd, 0),
    },
    deliveryProblems: 0,
  };
}

/** One row of the web runs list. */
export interface RunListRow {
  id: string;
  name: string;
  templateId: string;
  templateName: string;
  status: RunStatus;
  simulate: boolean;
  createdAt: Date;
  endedAt: Date | null;
  done: number;
  total: number;
  pendingGates: Array<{ id: string; blockName: string; openedAt: Date; deadlineAt: Date | null }>;
}

/** Recent runs, newest first, optionally of one template or status. */
export async function listRunRows(db: Queryable, filter: { templateId?: string; status?: RunStatus; limit?: number }): Promise<RunListRow[]> {
  const runs = await listRuns(db, { ...filter, limit: filter.limit ?? 50 });
  return Promise.all(
    runs.map(async (run) => {
      const { blocks, gates } = await loadRun(db, run);
      return {
        id: run.id,
        name: run.name,
        templateId: run.templateId,
        templateName: run.template.name,
        status: run.status,
        simulate: run.simulate,
        createdAt: run.createdAt,
        endedAt: run.endedAt,
        done: blocks.filter((b) => b.status === 'done' || b.status === 'skipped').length,
        total: blocks.length,
        pendingGates: gates
          .filter((g) => g.status === 'pending')
          .map((g) => ({ id: g.id, blockName: blockOf(run, g.blockId)?.name ?? g.blockId, openedAt: g.openedAt, deadlineAt: g.deadlineAt })),
      };
    }),
  );
}

/** One version of one artifact with its content (the latest without `attempt`). */
export async function loadArtifact(db: Queryable, runId: string, blockId: string, key: string, attempt?: number): Promise<ArtifactRecord | undefined> {
  return getArtifactVersion(db, runId, blockId, key, attempt);
}
