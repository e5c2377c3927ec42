import type { Selectable } from 'kysely';
import type { Actor } from '../domain/actor';
import type { GateRecord } from '../domain/records';
import type { BudgetLimit } from '../domain/run';
import type { Autonomy, GateKind, GatePosition, GateStatus } from '../domain/statuses';
import type { DecisionSource, Priority } from '../domain/views';
import type { GatesTable, Queryable } from './db-schema';
import { parseBudgetLimit, parseOptionalActor, parseStringList, toJson, toJsonOrNull } from './json-columns';

/** The one place a gates row becomes a GateRecord (which is also the engine's GateState). */
export function toGateRecord(row: Selectable<GatesTable>): GateRecord {
  const claimant = parseOptionalActor(row.claimed_by, `gate ${row.id} claimed_by`);
  return {
    id: row.id,
    runId: row.run_id,
    blockId: row.block_id,
    position: row.position as GatePosition,
    kind: row.kind as GateKind,
    attempt: row.attempt,
    status: row.status as GateStatus,
    mode: row.mode as Autonomy,
    question: row.question,
    target: row.target,
    budgetLimit: parseBudgetLimit(row.budget_limit, `gate ${row.id} budget_limit`),
    priority: row.priority as Priority,
    openedAt: row.opened_at,
    deadlineAt: row.deadline_at,
    decidedAt: row.decided_at,
    decidedBy: parseOptionalActor(row.decided_by, `gate ${row.id} decided_by`),
    decidedVia: row.decided_via as DecisionSource | null,
    reason: row.reason,
    settled: row.settled,
    claimedBy: claimant?.id ?? null,
    claimant,
    claimedAt: row.claimed_at,
    snoozedUntil: row.snoozed_until,
    escalationLevel: row.escalation_level,
    nextEscalationAt: row.next_escalation_at,
    assignee: parseOptionalActor(row.assignee, `gate ${row.id} assignee`),
    assignedAt: row.assigned_at,
    conditions: parseStringList(row.conditions, `gate ${row.id} conditions`),
  };
}

export interface NewGate {
  runId: string;
  blockId: string;
  position: GatePosition;
  kind: GateKind;
  attempt: number;
  mode: Autonomy;
  question?: string | null;
  /** Clarifications: the team, role or principal asked. */
  target?: string | null;
  budgetLimit?: BudgetLimit | null;
  priority?: Priority;
  now: Date;
  deadlineAt?: Date | null;
  /** When the escalation sweep first looks at it (null: never). */
  nextEscalationAt?: Date | null;
  /** Guided and auto gates are recorded already decided (by the system), so the run goes on and the audit shows them. */
  decided?: { status: Exclude<GateStatus, 'pending'>; by: Actor; via: DecisionSource; reason?: string | null };
}

/**
 * Opens a gate, once: a second call for the same (run, block, position, kind, attempt) inserts
 * nothing and returns the existing gate with `created: false`.
 */
export async function insertGate(db: Queryable, gate: NewGate): Promise<{ gate: GateRecord; created: boolean }> {
  const row = await db
    .insertInto('gates')
    .values({
      run_id: gate.runId,
      block_id: gate.blockId,
      position: gate.position,
      kind: gate.kind,
      attempt: gate.attempt,
      status: gate.decided?.status ?? 'pending',
      mode: gate.mode,
      question: gate.question ?? null,
      target: gate.target ?? null,
      budget_limit: toJsonOrNull(gate.budgetLimit),
      priority: gate.priority ?? 'medium',
      opened_at: gate.now,
      deadline_at: gate.deadlineAt ?? null,
      next_escalation_at: gate.decided ? null : (gate.nextEscalationAt ?? null),
      ...(gate.decided
        ? { decided_at: gate.now, decided_by: toJson(gate.decided.by), decided_via: gate.decided.via, reason: gate.decided.reason ?? null }
        : {}),
    })
    .onConflict((oc) => oc.columns(['run_id', 'block_id', 'position', 'kind', 'attempt']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (row) return { gate: toGateRecord(row), created: true };
  const existing = await db
    .selectFrom('gates')
    .selectAll()
    .where('run_id', '=', gate.runId)
    .where('block_id', '=', gate.blockId)
    .where('position', '=', gate.position)
    .where('kind', '=', gate.kind)
    .where('attempt', '=', gate.attempt)
    .executeTakeFirstOrThrow();
  return { gate: toGateRecord(existing), created: false };
}

export async function getGate(db: Queryable, gateId: string): Promise<GateRecord | undefined> {
  const row = await db.selectFrom('gates').selectAll().where('id', '=', gateId).executeTakeFirst();
  return row && toGateRecord(row);
}

/** The gates of some blocks of a run, oldest first. */
export async function listGatesOfBlocks(db: Queryable, runId: string, blockIds: readonly string[]): Promise<GateRecord[]> {
  if (blockIds.length === 0) return [];
  const rows = await db.selectFrom('gates').selectAll().where('run_id', '=', runId).where('block_id', 'in', [...blockIds]).orderBy('id').execute();
  return rows.map(toGateRecord);
}

/** Every gate of a run, oldest first: the `gates` of a RunSnapshot. */
export async function listGatesForRun(db: Queryable, runId: string): Promise<GateRecord[]> {
  const rows = await db.selectFrom('gates').selectAll().where('run_id', '=', runId).orderBy('id').execute();
  return rows.map(toGateRecord);
}

/** Pending gates (of one run, or all), most urgent first: priority, then the longest waiting. */
export async function listPendingGates(db: Queryable, opts: { runId?: string; limit?: number } = {}): Promise<GateRecord[]> {
  let query = db.selectFrom('gates').selectAll().where('status', '=', 'pending');
  if (opts.runId) query = query.where('run_id', '=', opts.runId);
  const rows = await query
    .orderBy((eb) => eb.case().when('priority', '=', 'critical').then(0).when('priority', '=', 'high').then(1).when('priority', '=', 'medium').then(2).else(3).end())
    .orderBy('opened_at')
    .orderBy('id')
    .limit(opts.limit ?? 100)
    .execute();
  return rows.map(toGateRecord);
}

/** Marks a decided gate as acted on by the engine. False when it is pending or already settled. */
export async function settleGate(db: Queryable, gateId: string): Promise<boolean> {
  const result = await db
    .updateTable('gates')
    .set({ settled: true })
    .where('id', '=', gateId)
    .where('settled', '=', false)
    .where('status', '!=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The latest gate of one kind for a block of a run (e.g. the clarification an attempt answers). */
export async function findLatestGate(db: Queryable, runId: string, blockId: string, kind: GateKind): Promise<GateRecord | undefined> {
  const row = await db
    .selectFrom('gates')
    .selectAll()
    .where('run_id', '=', runId)
    .where('block_id', '=', blockId)
    .where('kind', '=', kind)
    .orderBy('attempt', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && toGateRecord(row);
}
