import { sql, type Kysely } from 'kysely';

/** Human gates and the escalation ladder steps fired for them. Frozen in time: no app imports. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('gates')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('run_id', 'bigint', (c) => c.notNull().references('runs.id').onDelete('cascade'))
    .addColumn('block_id', 'text', (c) => c.notNull())
    .addColumn('position', 'text', (c) => c.notNull().check(sql`position in ('before', 'after')`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('approval', 'clarification', 'task')`))
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'approved', 'rejected', 'expired', 'cancelled')`))
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('gate', 'guided', 'auto')`))
    .addColumn('question', 'text')
    .addColumn('priority', 'text', (c) => c.notNull().defaultTo('medium').check(sql`priority in ('critical', 'high', 'medium', 'low')`))
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('deadline_at', 'timestamptz')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decided_by', 'jsonb')
    .addColumn('decided_via', 'text')
    .addColumn('reason', 'text')
    .addColumn('settled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('claimed_by', 'jsonb')
    .addColumn('claimed_at', 'timestamptz')
    .addColumn('snoozed_until', 'timestamptz')
    .addColumn('escalation_level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_escalation_at', 'timestamptz')
    .addUniqueConstraint('gates_instance_key', ['run_id', 'block_id', 'position', 'kind', 'attempt'])
    .execute();
  // The escalation sweep reads only due pending gates: the index holds pending gates only.
  await db.schema
    .createIndex('gates_escalation_due_idx')
    .on('gates')
    .column('next_escalation_at')
    .where(sql.ref('status'), '=', 'pending')
    .execute();
  await db.schema.createIndex('gates_pending_idx').on('gates').column('opened_at').where(sql.ref('status'), '=', 'pending').execute();

  await db.schema
    .createTable('escalation_steps')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('gate_id', 'bigint', (c) => c.notNull().references('gates.id').onDelete('cascade'))
    // e.g. "17:3:0" (gate:step:repeat): a step fires once, whichever replica sweeps first.
    .addColumn('step_key', 'text', (c) => c.notNull().unique())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('fired_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('escalation_steps_gate_idx').on('escalation_steps').column('gate_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('escalation_steps').execute();
  await db.schema.dropTable('gates').execute();
}
