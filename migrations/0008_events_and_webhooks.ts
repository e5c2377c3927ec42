import { sql, type Kysely } from 'kysely';

/**
 * The durable event log (what SSE clients, webhooks and MCP subscriptions read) and outbound
 * webhook subscriptions. Frozen in time: no app imports.
 *
 * Event ids are handed out in commit order: rows are inserted at the very end of their
 * transaction under one transaction-scoped advisory lock, so a reader that resumes after id N
 * can never meet an id below N committed later.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('events')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('run_id', 'bigint')
    .addColumn('gate_id', 'bigint')
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_run_idx').on('events').columns(['run_id', 'id']).execute();
  await db.schema.createIndex('events_type_idx').on('events').columns(['type', 'id']).execute();

  await db.schema
    .createTable('webhook_subscriptions')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('url', 'text', (c) => c.notNull())
    // Event type patterns: exact types, "run.*", or "*".
    .addColumn('events', 'jsonb', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('created_by', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    // The last event id already queued for this subscription; it starts at the log's head.
    .addColumn('cursor', 'bigint', (c) => c.notNull())
    .addColumn('removed_at', 'timestamptz')
    .execute();

  await sql`alter table outbox drop constraint if exists outbox_kind_check`.execute(db);
  await sql`alter table outbox add constraint outbox_kind_check check (kind in ('post', 'update', 'dm', 'page', 'webhook'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table outbox drop constraint if exists outbox_kind_check`.execute(db);
  await sql`alter table outbox add constraint outbox_kind_check check (kind in ('post', 'update', 'dm', 'page'))`.execute(db);
  await db.schema.dropTable('webhook_subscriptions').execute();
  await db.schema.dropTable('events').execute();
}
