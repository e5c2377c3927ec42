import type { Actor } from '../domain/actor';
import type { Selectable } from 'kysely';
import type { BulkApprovalsTable, Queryable } from './db-schema';
import { parseActor, parseStringList, toJson } from './json-columns';

/** A bulk approval shown on a confirmation card and waiting for its Confirm click. */
export interface BulkApproval {
  id: string;
  actor: Actor;
  gateIds: string[];
  note: string | null;
  createdAt: Date;
  usedAt: Date | null;
}

/** Stores the list the confirmation card shows, so the click approves exactly those gates (the button carries only the id). */
export async function insertBulkApproval(db: Queryable, bulk: { actor: Actor; gateIds: readonly string[]; note?: string | null; now: Date }): Promise<BulkApproval> {
  const row = await db
    .insertInto('bulk_approvals')
    .values({ actor: toJson(bulk.actor), gate_ids: toJson(bulk.gateIds), note: bulk.note ?? null, created_at: bulk.now })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toBulkApproval(row);
}

/**
 * Marks a bulk approval used, once: of two Confirm clicks only one gets the list back; the other
 * gets undefined (and the gates were decided by the first).
 */
export async function takeBulkApproval(db: Queryable, id: string, now: Date): Promise<BulkApproval | undefined> {
  const row = await db.updateTable('bulk_approvals').set({ used_at: now }).where('id', '=', id).where('used_at', 'is', null).returningAll().executeTakeFirst();
  return row && toBulkApproval(row);
}

export async function getBulkApproval(db: Queryable, id: string): Promise<BulkApproval | undefined> {
  const row = await db.selectFrom('bulk_approvals').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toBulkApproval(row);
}

function toBulkApproval(row: Selectable<BulkApprovalsTable>): BulkApproval {
  return { id: row.id, actor: parseActor(row.actor, `bulk ${row.id} actor`), gateIds: parseStringList(row.gate_ids, `bulk ${row.id} gate_ids`), note: row.note, createdAt: row.created_at, usedAt: row.used_at };
}
