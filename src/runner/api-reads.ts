/**
 * Reads the programmatic doors need beyond what chat shows: filtered, paged lists and the full
 * record of one run. Same read models as the cards; every read checks the `read` permission.
 */
import type { Actor } from '../domain/actor';
import type { AuditEntry } from '../domain/records';
import type { GateView, RunView } from '../domain/views';
import type { Priority } from '../domain/views';
import type { RunStatus } from '../domain/statuses';
import { authorize } from '../permissions/authorize';
import { listArtifactMeta, listAttemptsOfRun, listAuditPage, listRunsPage, type ArtifactMeta, type AttemptMeta, type AuditFilter, type Page } from '../store/api-pages.store';
import { listPendingGates } from '../store/gates.store';
import { getRun } from '../store/runs.store';
import { gateView } from './gate-operations';
import { loadRunView, requireRun } from './load-run';
import { pendingFor } from './queries';
import type { ServiceContext } from './service-context';

export async function listRunViews(ctx: ServiceContext, actor: Actor, filter: { status?: RunStatus; templateId?: string; before?: string; limit: number }): Promise<Page<RunView>> {
  authorize(actor, 'read', ctx.config);
  const db = ctx.database.db;
  const page = await listRunsPage(db, filter);
  return { items: await Promise.all(page.items.map((r) => loadRunView(db, r, ctx.publicBaseUrl))), next: page.next };
}

export async function runRecordOf(ctx: ServiceContext, actor: Actor, runId: string): Promise<{ view: RunView; attempts: AttemptMeta[]; artifacts: ArtifactMeta[] }> {
  authorize(actor, 'read', ctx.config);
  const db = ctx.database.db;
  const run = await requireRun(db, runId);
  const [view, attempts, artifacts] = [await loadRunView(db, run, ctx.publicBaseUrl), await listAttemptsOfRun(db, runId), await listArtifactMeta(db, runId)];
  return { view, attempts, artifacts };
}

const PRIORITY_RANK: Record<Priority, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/** Most urgent first: the nearest deadline (none last), then priority, then the oldest. */
export function bySlaUrgency(a: GateView, b: GateView): number {
  const da = a.deadlineAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const db = b.deadlineAt?.getTime() ?? Number.POSITIVE_INFINITY;
  if (da !== db) return da < db ? -1 : 1;
  if (a.priority !== b.priority) return PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority];
  return a.openedAt.getTime() - b.openedAt.getTime();
}

/** Pending gates of running runs; `mine` keeps those this actor may decide or has claimed. */
export async function listPendingGateViews(ctx: ServiceContext, actor: Actor, filter: { runId?: string; mine: boolean; priority?: Priority }, now: Date): Promise<GateView[]> {
  authorize(actor, 'read', ctx.config);
  const db = ctx.database.db;
  let views: GateView[];
  if (filter.mine) views = await pendingFor(ctx, actor, now);
  else {
    views = [];
    for (const gate of await listPendingGates(db, { runId: filter.runId, limit: 500 })) {
      const run = await getRun(db, gate.runId);
      if (run?.status === 'running') views.push(await gateView(ctx, db, run, gate));
    }
  }
  return views.filter((g) => (!filter.runId || g.runId === filter.runId) && (!filter.priority || g.priority === filter.priority)).sort(bySlaUrgency);
}

export interface TaskStats {
  pending: number;
  claimed: number;
  slaBreaches: number;
  avgWaitMinutes: number;
  byPriority: Record<Priority, number>;
}

/** Work waiting on people, in numbers: what a dashboard's header shows. */
export function taskStatsOf(gates: readonly GateView[], now: Date): TaskStats {
  const byPriority: Record<Priority, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const g of gates) byPriority[g.priority] += 1;
  const waits = gates.map((g) => now.getTime() - g.openedAt.getTime());
  return {
    pending: gates.length,
    claimed: gates.filter((g) => g.claimedBy).length,
    slaBreaches: gates.filter((g) => g.deadlineAt && g.deadlineAt.getTime() < now.getTime()).length,
    avgWaitMinutes: waits.length ? Math.round(waits.reduce((a, b) => a + b, 0) / waits.length / 6_000) / 10 : 0,
    byPriority,
  };
}

/** Audit entries as stored (changes and metadata included), each with its run's name. */
export async function auditPage(ctx: ServiceContext, actor: Actor, filter: AuditFilter): Promise<Page<{ entry: AuditEntry; runName: string | null }>> {
  authorize(actor, 'read', ctx.config);
  const db = ctx.database.db;
  const page = await listAuditPage(db, filter);
  const names = new Map<string, string>();
  for (const runId of new Set(page.items.flatMap((e) => (e.runId ? [e.runId] : [])))) names.set(runId, (await getRun(db, runId))?.name ?? '');
  return { items: page.items.map((entry) => ({ entry, runName: entry.runId ? (names.get(entry.runId) ?? null) : null })), next: page.next };
}
