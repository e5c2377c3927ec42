import { sql, type Kysely } from 'kysely';

/**
 * The programmatic doors: API tokens (only a SHA-256 of the secret is kept, so a leaked database
 * leaks no credential) and the idempotency keys of inbound webhook triggers (a retried delivery
 * finds its key and starts no second run). Frozen in time: no app imports.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('agent', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('scopes', 'jsonb', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('api_tokens_active_name_key').on('api_tokens').column('name').unique().where(sql.ref('revoked_at'), 'is', null).execute();

  await db.schema
    .createTable('hook_deliveries')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('template_id', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('run_id', 'bigint', (c) => c.references('runs.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('hook_deliveries_key', ['template_id', 'idempotency_key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('hook_deliveries').execute();
  await db.schema.dropTable('api_tokens').execute();
}
