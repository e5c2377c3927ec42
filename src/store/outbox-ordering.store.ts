import { sql, type Selectable } from 'kysely';
import type { Card } from '../domain/card';
import type { Platform } from '../domain/statuses';
import type { OutboxTable, Queryable } from './db-schema';
import { toJson } from './json-columns';
import { toMessageRefRecord, type MessageRefRecord } from './message-refs.store';
import { toOutboxMessage, type OutboxMessage, type OutboxStatus } from './outbox.store';

/**
 * Ordering rule of the delivery loop, per subject AND platform: a chat row waits while an earlier
 * chat row of its subject on its platform (or on "every platform", platform null) is pending or
 * sending. Ordering per subject alone (across platforms) would let a platform that is down hold
 * back every other platform's copy of the card for up to an hour (until its post goes dead);
 * ordering per platform too keeps an outage to the platform that has it. Pages are outside the
 * ordering: PagerDuty folds repeats by dedup key, and a pager outage must not hold back chat.
 * This is the one claim query of the outbox.
 */
const waitsForEarlierRow = sql<boolean>`o.kind <> 'page' and exists (
  select 1 from outbox earlier
  where earlier.subject = o.subject and earlier.id < o.id
    and earlier.status in ('pending', 'sending') and earlier.kind <> 'page'
    and (earlier.platform is null or o.platform is null or earlier.platform = o.platform))`;

/** A claimed row whose stored JSON could not be read; the caller gives it up. */
export interface UnreadableOutboxRow {
  id: string;
  kind: string;
  subject: string;
  platform: Platform | null;
  attempts: number;
  error: string;
}

/**
 * Claims due rows (status `sending`, locked to `owner` until now+lockMs, attempts + 1, SKIP
 * LOCKED, expired locks of dead senders taken over), ordered per subject and platform (see above). A row whose payload or target does not parse comes back in
 * `unreadable` instead of failing the whole batch, so one bad row never stops delivery.
 * Delivery is at least once: a sender that outlives its lock may duplicate.
 */
export async function claimDueOutboxInOrder(
  db: Queryable,
  opts: { owner: string; now: Date; lockMs: number; limit: number },
): Promise<{ messages: OutboxMessage[]; unreadable: UnreadableOutboxRow[] }> {
  if (opts.limit <= 0) return { messages: [], unreadable: [] };
  const due = db
    .selectFrom('outbox as o')
    .select('o.id')
    .where((eb) =>
      eb.or([
        eb.and([eb('o.status', '=', 'pending'), eb('o.next_attempt_at', '<=', opts.now)]),
        eb.and([eb('o.status', '=', 'sending'), eb('o.locked_until', '<', opts.now)]),
      ]),
    )
    .where(sql<boolean>`not (${waitsForEarlierRow})`)
    .orderBy('o.next_attempt_at')
    .orderBy('o.id')
    .limit(opts.limit)
    .forUpdate()
    .skipLocked();
  const rows = await db
    .updateTable('outbox')
    .set((eb) => ({
      status: 'sending',
      locked_by: opts.owner,
      locked_until: new Date(opts.now.getTime() + opts.lockMs),
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', 'in', due)
    .returningAll()
    .execute();
  const messages: OutboxMessage[] = [];
  const unreadable: UnreadableOutboxRow[] = [];
  for (const row of rows.sort((a, b) => Number(a.id) - Number(b.id))) {
    const read = readRow(row);
    if ('error' in read) unreadable.push(read);
    else messages.push(read);
  }
  return { messages, unreadable };
}

function readRow(row: Selectable<OutboxTable>): OutboxMessage | UnreadableOutboxRow {
  try {
    return toOutboxMessage(row);
  } catch (err) {
    const error = `outbox ${row.id} cannot be read: ${err instanceof Error ? err.message : String(err)}`;
    return { id: row.id, kind: row.kind, subject: row.subject, platform: row.platform as Platform | null, attempts: row.attempts, error };
  }
}

/** When the next claimable row falls due (a retry, a deferral, an expired lock); null when none. */
export async function nextOutboxDueAt(db: Queryable): Promise<Date | null> {
  const row = await db
    .selectFrom('outbox as o')
    .select(sql<Date | null>`min(case when o.status = 'pending' then o.next_attempt_at else o.locked_until end)`.as('due'))
    .where('o.status', 'in', ['pending', 'sending'])
    .where(sql<boolean>`not (${waitsForEarlierRow})`)
    .executeTakeFirst();
  return row?.due ? new Date(row.due) : null;
}

/**
 * Gives a claimed row back without counting the attempt (it waited on another row; nothing was
 * tried), due again at `until`. False when this owner no longer holds it.
 */
export async function deferOutboxClaim(db: Queryable, opts: { id: string; owner: string; until: Date }): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({ status: 'pending', next_attempt_at: opts.until, attempts: sql<number>`greatest(attempts - 1, 0)`, locked_by: null, locked_until: null })
    .where('id', '=', opts.id)
    .where('status', '=', 'sending')
    .where('locked_by', '=', opts.owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * True when a newer update of the same subject covers this update's platform (a newer update for
 * every platform covers any; one for a single platform never covers an every-platform update).
 */
export async function hasNewerOutboxUpdate(db: Queryable, opts: { id: string; subject: string; platform: Platform | null }): Promise<boolean> {
  let query = db
    .selectFrom('outbox')
    .select('id')
    .where('subject', '=', opts.subject)
    .where('kind', '=', 'update')
    .where('id', '>', opts.id)
    .where('status', 'in', ['pending', 'sending', 'sent']);
  query = opts.platform
    ? query.where((eb) => eb.or([eb('platform', 'is', null), eb('platform', '=', opts.platform)]))
    : query.where('platform', 'is', null);
  return (await query.limit(1).executeTakeFirst()) !== undefined;
}

/**
 * A row another row waits for. `dueAt`: when a pending row is next tried; null while it is being
 * sent (that usually ends in moments, so waiting for its lock to run out would be far too long).
 */
export interface BlockingOutboxRow {
  id: string;
  status: OutboxStatus;
  dueAt: Date | null;
}

const toBlockingRow = (r: { id: string; status: string; next_attempt_at: Date }): BlockingOutboxRow => ({
  id: r.id,
  status: r.status as OutboxStatus,
  dueAt: r.status === 'pending' ? r.next_attempt_at : null,
});

/** Earlier posts and DMs of the subject (on the platform, or any when null) that are not sent. */
export async function listEarlierUnsentMessages(
  db: Queryable,
  opts: { id: string; subject: string; platform: Platform | null },
): Promise<BlockingOutboxRow[]> {
  let query = db
    .selectFrom('outbox')
    .select(['id', 'status', 'next_attempt_at'])
    .where('subject', '=', opts.subject)
    .where('kind', 'in', ['post', 'dm'])
    .where('id', '<', opts.id)
    .where('status', '<>', 'sent');
  if (opts.platform) query = query.where('platform', '=', opts.platform);
  const rows = await query.orderBy('id').execute();
  return rows.map(toBlockingRow);
}

/**
 * Gives undelivered (failed or dead) rows the newest card, so an operator's requeue posts what
 * the subject looks like now rather than the card it had when the first try failed.
 */
export async function carryCardToUndelivered(db: Queryable, opts: { ids: readonly string[]; card: Card }): Promise<number> {
  if (opts.ids.length === 0) return 0;
  const result = await db
    .updateTable('outbox')
    .set({ payload: toJson(opts.card) })
    .where('id', 'in', [...opts.ids])
    .where('status', 'in', ['failed', 'dead'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A queued or sending post that will open `runId`'s thread on `platform`, if there is one. */
export async function findThreadOpenerInFlight(db: Queryable, opts: { runId: string; platform: Platform }): Promise<BlockingOutboxRow | undefined> {
  const row = await db
    .selectFrom('outbox')
    .select(['id', 'status', 'next_attempt_at'])
    .where('kind', '=', 'post')
    .where('platform', '=', opts.platform)
    .where('status', 'in', ['pending', 'sending'])
    .where(sql<string>`target->'openThreadForRun'->>'runId'`, '=', opts.runId)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row && toBlockingRow(row);
}

/** The message an outbox row already produced (its send landed before a crash or a failed step). */
export async function getMessageRefForOutbox(db: Queryable, outboxId: string): Promise<MessageRefRecord | undefined> {
  const row = await db.selectFrom('message_refs').selectAll().where('outbox_id', '=', outboxId).orderBy('id').limit(1).executeTakeFirst();
  return row && toMessageRefRecord(row);
}
