import { sql, type Kysely } from 'kysely';

/** Block outputs, and the append-only audit log. Frozen in time: no app imports. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('artifacts')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('run_id', 'bigint', (c) => c.notNull().references('runs.id').onDelete('cascade'))
    .addColumn('block_id', 'text', (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('content', 'text')
    .addColumn('location', 'text')
    .addColumn('size_bytes', 'bigint')
    .addColumn('checksum', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('artifacts_attempt_key', ['run_id', 'block_id', 'attempt', 'key'])
    .execute();
  // "The latest artifact per (block, key)" reads this index backwards by attempt.
  await db.schema.createIndex('artifacts_latest_idx').on('artifacts').columns(['run_id', 'block_id', 'key', 'attempt']).execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('run_id', 'bigint', (c) => c.references('runs.id'))
    .addColumn('gate_id', 'bigint', (c) => c.references('gates.id'))
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('changes', 'jsonb')
    .addColumn('metadata', 'jsonb')
    .execute();
  await db.schema.createIndex('audit_log_run_idx').on('audit_log').columns(['run_id', 'id']).execute();

  // Append-only, enforced by the database itself. A statement-level trigger fires even when an
  // UPDATE or DELETE matches no row, so nobody can probe the rule with a harmless-looking query.
  await sql`
    create function audit_log_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only: % is not allowed (the audit trail is immutable; append a correcting entry instead)', tg_op
        using errcode = 'P0001', hint = 'insert a new audit_log row that records the correction';
    end;
    $$`.execute(db);
  await sql`
    create trigger audit_log_append_only
    before update or delete or truncate on audit_log
    for each statement execute function audit_log_refuse_change()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger audit_log_append_only on audit_log`.execute(db);
  await sql`drop function audit_log_refuse_change()`.execute(db);
  await db.schema.dropTable('audit_log').execute();
  await db.schema.dropTable('artifacts').execute();
}
