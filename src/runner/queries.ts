import type { Actor } from '../domain/actor';
import { UserError } from '../domain/errors';
import type { AuditEntryView, BlockerView, GateView, ScheduleView, TemplateSummaryView } from '../domain/views';
import { computeBlockers } from '../engine/compute-blockers';
import { authorize } from '../permissions/authorize';
import { listAuditForRun } from '../store/audit.store';
import { listPendingGates } from '../store/gates.store';
import { listActiveRuns, getRun } from '../store/runs.store';
import { listSchedules, setSchedulePaused } from '../store/schedules.store';
import { appendAudit } from '../store/audit.store';
import { transaction } from '../store/transaction';
import { gateView } from './gate-operations';
import { loadRun, requireRun, snapshotOf } from './load-run';
import { blockOf, toAuditEntryView } from './read-models';
import type { ServiceContext } from './service-context';

const BLOCKER_REASON = { 'SLA breached': 'sla-breached', 'unclaimed for 4h+': 'unclaimed', 'awaiting decision': 'awaiting-decision' } as const;

export function listTemplates(ctx: ServiceContext): TemplateSummaryView[] {
  return ctx.catalog.list().map((t) => ({
    id: t.id,
    name: t.name,
    description: t.description ?? null,
    version: t.version ?? null,
    blockCount: t.blocks.length,
    gateCount: t.blocks.filter((b) => b.human_gate !== 'none').length,
    params: Object.entries(t.params).map(([name, p]) => ({ name, type: p.type, required: p.required, default: p.default ?? null, description: p.description ?? null })),
  }));
}

/** Everything stuck in every active run, most urgent first. */
export async function blockers(ctx: ServiceContext, now: Date): Promise<BlockerView[]> {
  const db = ctx.database.db;
  const out: BlockerView[] = [];
  for (const run of await listActiveRuns(db, { limit: 200 })) {
    const loaded = await loadRun(db, run);
    const name = (id: string) => blockOf(run, id)?.name ?? id;
    for (const b of computeBlockers(snapshotOf(loaded), now)) {
      if (b.type === 'gate') {
        const gate = loaded.gates.find((g) => g.id === b.gateId)!;
        const approvers = blockOf(run, b.blockId)?.review?.approvers;
        out.push({
          kind: 'gate',
          runId: run.id,
          runName: run.name,
          blockId: b.blockId,
          blockName: name(b.blockId),
          gateId: b.gateId,
          reason: BLOCKER_REASON[b.reason],
          mustAct: gate.claimant ? [gate.claimant.name] : approvers?.length ? approvers : ['reviewers'],
          claimedBy: gate.claimant ? { id: gate.claimant.id, name: gate.claimant.name } : null,
          since: gate.openedAt,
          deadlineAt: gate.deadlineAt,
          escalationLevel: gate.escalationLevel,
          priority: gate.priority,
          waitingBlocks: b.waitingBlocks.map(name),
        });
      } else {
        const state = loaded.blocks.find((s) => s.blockId === b.blockId);
        out.push({
          kind: 'failed-block',
          runId: run.id,
          runName: run.name,
          blockId: b.blockId,
          blockName: name(b.blockId),
          reason: 'failed',
          error: b.error,
          mustAct: ['operators'],
          since: state?.endedAt ?? run.updatedAt,
          deadlineAt: null,
          escalationLevel: 0,
          priority: 'high',
          waitingBlocks: b.waitingBlocks.map(name),
        });
      }
    }
  }
  return out;
}

/** Pending gates this person may decide, or has claimed or been assigned; most urgent first (priority, then age). */
export async function pendingFor(ctx: ServiceContext, actor: Actor, now: Date): Promise<GateView[]> {
  const db = ctx.database.db;
  const views: GateView[] = [];
  for (const gate of await listPendingGates(db, { limit: 200 })) {
    const run = await getRun(db, gate.runId);
    if (!run || run.status !== 'running') continue;
    const mine = (gate.claimant?.id === actor.id && gate.claimant.platform === actor.platform) || (gate.assignee?.id === actor.id && gate.assignee.platform === actor.platform);
    let allowed = mine;
    if (!allowed) {
      try {
        authorize(actor, 'gate.decide', ctx.config, { approvers: blockOf(run, gate.blockId)?.review?.approvers });
        allowed = !gate.claimant;
      } catch {
        allowed = false;
      }
    }
    if (allowed) views.push(await gateView(ctx, db, run, gate));
  }
  void now;
  return views;
}

export async function auditOf(ctx: ServiceContext, runId: string, limit: number): Promise<AuditEntryView[]> {
  const run = await requireRun(ctx.database.db, runId);
  return (await listAuditForRun(ctx.database.db, runId, { limit })).map((e) => toAuditEntryView(e, run.name));
}

export async function schedules(ctx: ServiceContext): Promise<ScheduleView[]> {
  const names = new Map(ctx.catalog.list().map((t) => [t.id, t.name]));
  return (await listSchedules(ctx.database.db)).map((s) => ({ ...s, templateName: names.get(s.templateId) ?? null }));
}

export async function pauseSchedule(ctx: ServiceContext, templateId: string, paused: boolean, actor: Actor, now: Date): Promise<ScheduleView> {
  authorize(actor, 'schedule.manage', ctx.config);
  return transaction(ctx.database, async (trx) => {
    const updated = await setSchedulePaused(trx, templateId, paused);
    if (!updated) throw new UserError('unknown_template', `There is no schedule for "${templateId}". \`/factory schedules\` lists them.`);
    await appendAudit(trx, { at: now, actor, action: paused ? 'schedule.paused' : 'schedule.resumed', entityType: 'schedule', entityId: templateId });
    return { ...updated, templateName: null };
  });
}

/** Autocomplete: ids that start with (or names that contain) what was typed so far. */
export async function suggest(ctx: ServiceContext, kind: 'template' | 'run' | 'gate' | 'block', prefix: string, context?: { runId?: string }) {
  const db = ctx.database.db;
  const p = prefix.trim().toLowerCase().replace(/^#/, '');
  const match = (value: string, label: string) => value.toLowerCase().startsWith(p) || label.toLowerCase().includes(p);
  let all: Array<{ value: string; label: string }> = [];
  if (kind === 'template') all = ctx.catalog.list().map((t) => ({ value: t.id, label: `${t.id}: ${t.name}` }));
  if (kind === 'run') all = (await listActiveRuns(db, { limit: 50 })).map((r) => ({ value: r.id, label: `#${r.id} ${r.name} (${r.template.name})` }));
  if (kind === 'gate') {
    all = (await listPendingGates(db, { limit: 50 })).map((g) => ({ value: g.id, label: `#${g.id} ${g.blockId} (run #${g.runId})` }));
  }
  if (kind === 'block' && context?.runId) {
    const run = await getRun(db, context.runId);
    all = run ? run.template.blocks.map((b) => ({ value: b.id, label: `${b.id}: ${b.name}` })) : [];
  }
  return all.filter((s) => match(s.value, s.label)).slice(0, 25);
}
