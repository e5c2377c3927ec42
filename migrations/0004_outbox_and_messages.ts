import { sql, type Kysely } from 'kysely';

/**
 * Messages to people (written in the same transaction as the change that caused them), where each
 * one landed, and where each run's thread and status card live. Frozen in time: no app imports.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('post', 'update', 'dm', 'page')`))
    // What the message shows ("gate:17", "run:5"), so an update reaches every copy of the card.
    .addColumn('subject', 'text', (c) => c.notNull())
    // null: every configured platform.
    .addColumn('platform', 'text')
    .addColumn('target', 'jsonb')
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'sending', 'sent', 'failed', 'dead')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('outbox_due_idx').on('outbox').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('outbox_subject_idx').on('outbox').columns(['subject', 'id']).execute();

  await db.schema
    .createTable('message_refs')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('thread_id', 'text')
    .addColumn('outbox_id', 'bigint', (c) => c.references('outbox.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('message_refs_message_key', ['platform', 'channel_id', 'message_id'])
    .execute();
  await db.schema.createIndex('message_refs_subject_idx').on('message_refs').columns(['subject', 'id']).execute();

  await db.schema
    .createTable('run_channels')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('run_id', 'bigint', (c) => c.notNull().references('runs.id').onDelete('cascade'))
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('thread_id', 'text')
    .addColumn('status_message_id', 'text')
    .addUniqueConstraint('run_channels_run_platform_key', ['run_id', 'platform'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('run_channels').execute();
  await db.schema.dropTable('message_refs').execute();
  await db.schema.dropTable('outbox').execute();
}
