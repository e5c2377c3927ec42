import type { Selectable } from 'kysely';
import type { MessageRef } from '../domain/chat-adapter';
import type { Platform } from '../domain/statuses';
import type { MessageRefsTable, Queryable } from './db-schema';

/** A posted message that shows `subject`, so later updates can edit it. */
export interface MessageRefRecord extends MessageRef {
  id: string;
  subject: string;
  outboxId: string | null;
  createdAt: Date;
}

/** The one place a message_refs row becomes a MessageRefRecord. */
export function toMessageRefRecord(row: Selectable<MessageRefsTable>): MessageRefRecord {
  return {
    id: row.id,
    subject: row.subject,
    platform: row.platform as Platform,
    channelId: row.channel_id,
    messageId: row.message_id,
    threadId: row.thread_id,
    outboxId: row.outbox_id,
    createdAt: row.created_at,
  };
}

/** Records where a message landed. Recording the same message twice is a no-op (returns false). */
export async function addMessageRef(db: Queryable, opts: { subject: string; ref: MessageRef; outboxId?: string | null; now: Date }): Promise<boolean> {
  const row = await db
    .insertInto('message_refs')
    .values({
      subject: opts.subject,
      platform: opts.ref.platform,
      channel_id: opts.ref.channelId,
      message_id: opts.ref.messageId,
      thread_id: opts.ref.threadId ?? null,
      outbox_id: opts.outboxId ?? null,
      created_at: opts.now,
    })
    .onConflict((oc) => oc.columns(['platform', 'channel_id', 'message_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Every message showing `subject` (optionally on one platform), oldest first. */
export async function listMessageRefs(db: Queryable, subject: string, opts: { platform?: Platform } = {}): Promise<MessageRefRecord[]> {
  let query = db.selectFrom('message_refs').selectAll().where('subject', '=', subject);
  if (opts.platform) query = query.where('platform', '=', opts.platform);
  const rows = await query.orderBy('id').execute();
  return rows.map(toMessageRefRecord);
}
