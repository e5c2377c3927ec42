import type { Actor } from '../domain/actor';
import type { ArtifactRecord, AuditEntry, BlockRun, GateRecord, RunRecord } from '../domain/records';
import type { ArtifactPreview, AuditEntryView, BlockView, GateView, RunView } from '../domain/views';
import { maxRepairRounds } from '../engine/repair-round';
import type { Block } from '../schema/block';

/** How much of an artifact a card shows; the rest is behind the Details link. */
export const ARTIFACT_PREVIEW_CHARS = 1_000;

export function blockOf(run: RunRecord, blockId: string): Block | undefined {
  return run.template.blocks.find((b) => b.id === blockId);
}

function artifactUrl(base: string | undefined, runId: string, blockId: string, key: string): string | null {
  return base ? `${base.replace(/\/$/, '')}/runs/${runId}/artifacts/${blockId}/${encodeURIComponent(key)}` : null;
}

export function toArtifactPreview(a: ArtifactRecord, publicBaseUrl?: string): ArtifactPreview {
  return {
    key: a.key,
    format: a.format,
    preview: a.content === null ? (a.location ?? null) : a.content.slice(0, ARTIFACT_PREVIEW_CHARS),
    sizeBytes: a.sizeBytes,
    url: artifactUrl(publicBaseUrl, a.runId, a.blockId, a.key),
  };
}

const person = (actor: Actor | null) => (actor ? { name: actor.name, platform: actor.platform, ...(actor.type === 'human' ? { id: actor.id } : {}) } : null);

/** One gate as a person needs it to decide: what the block made, what approving starts next. */
export function toGateView(
  run: RunRecord,
  gate: GateRecord,
  blocks: readonly BlockRun[],
  artifacts: readonly ArtifactRecord[],
  publicBaseUrl?: string,
): GateView {
  const block = blockOf(run, gate.blockId);
  const state = blocks.find((b) => b.blockId === gate.blockId);
  const outcome = state?.outcome;
  const metrics: Record<string, number> = outcome?.kind === 'complete' ? { ...outcome.metrics } : {};
  if (state?.score != null && block?.threshold && metrics[block.threshold.metric] === undefined) metrics[block.threshold.metric] = state.score;
  const nextBlocks =
    gate.position === 'before'
      ? [{ id: gate.blockId, name: block?.name ?? gate.blockId }]
      : run.template.blocks.filter((b) => b.inputs.depends.some((d) => d.block === gate.blockId)).map((b) => ({ id: b.id, name: b.name }));
  return {
    id: gate.id,
    runId: run.id,
    runName: run.name,
    templateName: run.template.name,
    blockId: gate.blockId,
    blockName: block?.name ?? gate.blockId,
    layer: block?.layer ?? null,
    position: gate.position,
    kind: gate.kind,
    status: gate.status,
    mode: gate.mode,
    attempt: gate.attempt,
    question: gate.question,
    target: gate.target,
    priority: gate.priority,
    openedAt: gate.openedAt,
    deadlineAt: gate.deadlineAt,
    decidedAt: gate.decidedAt,
    decidedBy: person(gate.decidedBy),
    decidedVia: gate.decidedVia,
    reason: gate.reason,
    claimedBy: gate.claimant ? { id: gate.claimant.id, name: gate.claimant.name } : null,
    escalationLevel: gate.escalationLevel,
    artifacts: artifacts
      .filter((a) => a.blockId === gate.blockId && (gate.position === 'after' ? a.attempt === gate.attempt : true))
      .map((a) => toArtifactPreview(a, publicBaseUrl)),
    metrics,
    threshold: block?.threshold ?? null,
    nextBlocks,
    reworks: state?.reworks ?? 0,
    maxReworks: block?.max_reworks ?? 0,
    confirm: block?.review?.confirm ?? false,
  };
}

export function toBlockView(run: RunRecord, state: BlockRun): BlockView {
  const block = blockOf(run, state.blockId);
  return {
    id: state.blockId,
    name: block?.name ?? state.blockId,
    layer: block?.layer ?? null,
    parallelGroup: block?.parallel_group ?? null,
    status: state.status,
    attempts: state.attempts,
    score: state.score,
    error: state.error,
    startedAt: state.startedAt,
    endedAt: state.endedAt,
    repairs: block?.repair ? { used: state.repairs, max: maxRepairRounds(block) } : null,
    model: state.lastModel,
    fallbackFrom: state.lastFallbackFrom,
  };
}

export function toRunView(
  run: RunRecord,
  blocks: readonly BlockRun[],
  gates: readonly GateRecord[],
  artifacts: readonly ArtifactRecord[],
  extra: { deliveryProblems: number; publicBaseUrl?: string },
): RunView {
  const order = new Map(run.template.blocks.map((b, i) => [b.id, i]));
  const sorted = [...blocks].sort((a, b) => (order.get(a.blockId) ?? 0) - (order.get(b.blockId) ?? 0));
  return {
    id: run.id,
    name: run.name,
    templateId: run.templateId,
    templateName: run.template.name,
    status: run.status,
    simulate: run.simulate,
    createdBy: run.createdBy,
    creator: { platform: run.creator.platform, id: run.creator.id },
    createdAt: run.createdAt,
    endedAt: run.endedAt,
    endReason: run.endReason,
    params: run.params,
    autonomy: run.autonomy,
    blocks: sorted.map((b) => toBlockView(run, b)),
    pendingGates: gates.filter((g) => g.status === 'pending').map((g) => toGateView(run, g, blocks, artifacts, extra.publicBaseUrl)),
    usage: {
      inputTokens: blocks.reduce((n, b) => n + b.inputTokens, 0),
      outputTokens: blocks.reduce((n, b) => n + b.outputTokens, 0),
      costUsd: blocks.reduce((n, b) => n + b.costUsd, 0),
    },
    deliveryProblems: extra.deliveryProblems,
  };
}

const ENTITY_TYPES = new Set(['run', 'block', 'gate', 'template', 'schedule']);

export function toAuditEntryView(entry: AuditEntry, runName: string | null): AuditEntryView {
  const changes = entry.changes ?? {};
  const text = (v: unknown) => (v === undefined || v === null ? null : typeof v === 'string' ? v : JSON.stringify(v));
  return {
    id: entry.id,
    at: entry.at,
    actor: { type: entry.actor.type, name: entry.actor.name, platform: entry.actor.platform },
    action: entry.action,
    entity: { type: (ENTITY_TYPES.has(entry.entityType) ? entry.entityType : 'run') as AuditEntryView['entity']['type'], id: entry.entityId },
    runName,
    from: text(changes.from),
    to: text(changes.to),
    reason: text(entry.metadata?.reason),
  };
}
