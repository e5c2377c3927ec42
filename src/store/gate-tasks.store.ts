import { sql, type Transaction } from 'kysely';
import type { Actor } from '../domain/actor';
import type { GateRecord } from '../domain/records';
import type { DB, Queryable } from './db-schema';
import { getGate, toGateRecord } from './gates.store';
import { toJson } from './json-columns';

export type GateClaimResult =
  | { outcome: 'claimed'; gate: GateRecord }
  /** Someone else holds it: `gate.claimant` says who. */
  | { outcome: 'claimed-by-other'; gate: GateRecord }
  | { outcome: 'not-pending'; gate: GateRecord }
  | { outcome: 'not-found' };

/**
 * Claims a pending gate for `actor` ("I'm on it"). A gate claimed by someone else stays theirs
 * unless `reassign` is set (an admin hands it over). Claiming again as the claimant is a no-op
 * that succeeds. One conditional UPDATE, so two people claiming at once cannot both win.
 */
export async function claimGate(db: Queryable, opts: { gateId: string; actor: Actor; now: Date; reassign?: boolean }): Promise<GateClaimResult> {
  let update = db
    .updateTable('gates')
    .set({ claimed_by: toJson(opts.actor), claimed_at: opts.now })
    .where('id', '=', opts.gateId)
    .where('status', '=', 'pending');
  if (!opts.reassign) {
    update = update.where((eb) => eb.or([eb('claimed_by', 'is', null), eb(sql`claimed_by->>'id'`, '=', opts.actor.id)]));
  }
  const row = await update.returningAll().executeTakeFirst();
  if (row) return { outcome: 'claimed', gate: toGateRecord(row) };
  const gate = await getGate(db, opts.gateId);
  if (!gate) return { outcome: 'not-found' };
  return gate.status === 'pending' ? { outcome: 'claimed-by-other', gate } : { outcome: 'not-pending', gate };
}

/** Releases a claim (the claimant gives it back, or the claim lapsed). Returns the gate, or undefined if unknown. */
export async function unclaimGate(db: Queryable, gateId: string): Promise<GateRecord | undefined> {
  const row = await db.updateTable('gates').set({ claimed_by: null, claimed_at: null }).where('id', '=', gateId).returningAll().executeTakeFirst();
  return row && toGateRecord(row);
}

/**
 * Pauses reminders of a pending gate until `until`: the next escalation moves to `until` if it
 * was earlier. A gate whose ladder is finished (no next escalation) stays finished.
 */
export async function snoozeGate(db: Queryable, opts: { gateId: string; until: Date }): Promise<GateRecord | undefined> {
  const row = await db
    .updateTable('gates')
    .set({
      snoozed_until: opts.until,
      next_escalation_at: sql<Date | null>`case when next_escalation_at is null then null else greatest(next_escalation_at, ${opts.until}) end`,
    })
    .where('id', '=', opts.gateId)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
  return row && toGateRecord(row);
}

/** Records the ladder's progress on a pending gate: the level reached and when to look again (null: done). */
export async function setGateEscalation(db: Queryable, opts: { gateId: string; level: number; nextEscalationAt: Date | null }): Promise<boolean> {
  const result = await db
    .updateTable('gates')
    .set({ escalation_level: opts.level, next_escalation_at: opts.nextEscalationAt })
    .where('id', '=', opts.gateId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Pending gates whose next escalation is due, soonest first, locked for the caller's transaction
 * (rows another sweeper holds are skipped). Served by a partial index over pending gates, so the
 * sweep costs what is due, not every gate ever opened.
 */
export async function listGatesDueForEscalation(trx: Transaction<DB>, opts: { now: Date; limit?: number }): Promise<GateRecord[]> {
  const rows = await trx
    .selectFrom('gates')
    .selectAll()
    .where('status', '=', 'pending')
    .where('next_escalation_at', '<=', opts.now)
    .orderBy('next_escalation_at')
    .limit(opts.limit ?? 100)
    .forUpdate()
    .skipLocked()
    .execute();
  return rows.map(toGateRecord);
}

/**
 * Hands a pending gate to `assignee` (reassign, or a manual escalation to a person): the assignee
 * is recorded and any claim is released, so reminders and DMs go to the new person. False when the
 * gate is not pending.
 */
export async function assignGate(db: Queryable, opts: { gateId: string; assignee: Actor; now: Date }): Promise<GateRecord | undefined> {
  const row = await db
    .updateTable('gates')
    .set({ assignee: toJson(opts.assignee), assigned_at: opts.now, claimed_by: null, claimed_at: null })
    .where('id', '=', opts.gateId)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
  return row && toGateRecord(row);
}

/** Records the conditions an approval carried (a decided gate only; they are part of its decision). */
export async function setGateConditions(db: Queryable, gateId: string, conditions: readonly string[]): Promise<void> {
  await db.updateTable('gates').set({ conditions: toJson(conditions) }).where('id', '=', gateId).where('status', '=', 'approved').execute();
}

/** Changes one pending gate's priority. Returns the gate, or undefined when it is not pending. */
export async function setGatePriority(db: Queryable, gateId: string, priority: string): Promise<GateRecord | undefined> {
  const row = await db.updateTable('gates').set({ priority }).where('id', '=', gateId).where('status', '=', 'pending').returningAll().executeTakeFirst();
  return row && toGateRecord(row);
}
