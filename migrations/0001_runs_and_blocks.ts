import { sql, type Kysely } from 'kysely';

/**
 * Runs, the state of each block within a run, and one row per executed attempt.
 * Frozen in time: this file never imports app code (statuses are spelled out here on purpose).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('runs')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('template_id', 'text', (c) => c.notNull())
    .addColumn('template_version', 'text')
    .addColumn('template', 'jsonb', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running', 'completed', 'failed', 'cancelled')`))
    .addColumn('params', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('autonomy', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('simulate', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('created_by', 'jsonb', (c) => c.notNull())
    .addColumn('origin', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz')
    .addColumn('end_reason', 'text')
    .execute();
  await db.schema.createIndex('runs_active_idx').on('runs').column('id').where(sql.ref('status'), '=', 'running').execute();
  await db.schema.createIndex('runs_template_idx').on('runs').columns(['template_id', 'id']).execute();

  await db.schema
    .createTable('block_runs')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('run_id', 'bigint', (c) => c.notNull().references('runs.id').onDelete('cascade'))
    .addColumn('block_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending', 'ready', 'running', 'waiting', 'done', 'failed', 'blocked', 'skipped', 'cancelled')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('retries', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reworks', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('clarifications', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('outcome', 'jsonb')
    .addColumn('feedback', 'text')
    .addColumn('score', 'double precision')
    .addColumn('error', 'text')
    .addColumn('lease_owner', 'text')
    .addColumn('lease_expires_at', 'timestamptz')
    .addColumn('started_at', 'timestamptz')
    .addColumn('ended_at', 'timestamptz')
    .addColumn('input_tokens', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('output_tokens', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('cost_usd', 'numeric(14, 6)', (c) => c.notNull().defaultTo(0))
    .addColumn('parallel_group', 'text')
    .addUniqueConstraint('block_runs_run_block_key', ['run_id', 'block_id'])
    .execute();
  // The runner's claim scans only ready rows; the lease sweep only running ones.
  await db.schema.createIndex('block_runs_ready_idx').on('block_runs').column('id').where(sql.ref('status'), '=', 'ready').execute();
  await db.schema
    .createIndex('block_runs_lease_idx')
    .on('block_runs')
    .column('lease_expires_at')
    .where(sql.ref('status'), '=', 'running')
    .execute();

  await db.schema
    .createTable('block_attempts')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('block_run_id', 'bigint', (c) => c.notNull().references('block_runs.id').onDelete('cascade'))
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('worker', 'text', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz')
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('running', 'complete', 'failed', 'timeout', 'needs_clarification', 'blocked', 'lost', 'cancelled')`),
    )
    .addColumn('outcome', 'jsonb')
    .addColumn('usage', 'jsonb')
    // Proves that each attempt of a block was executed at most once.
    .addUniqueConstraint('block_attempts_block_run_attempt_key', ['block_run_id', 'attempt'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('block_attempts').execute();
  await db.schema.dropTable('block_runs').execute();
  await db.schema.dropTable('runs').execute();
}
