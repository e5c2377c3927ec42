import { sql, type Kysely } from 'kysely';

/**
 * Gates that fit real teams: one row per vote (quorum gates count distinct voters), who a gate is
 * assigned to, the conditions an approval carried, a priority on runs, people who are away with a
 * delegate, and bulk approvals waiting for their confirmation click. Frozen in time: no app imports.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('gate_votes')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('gate_id', 'bigint', (c) => c.notNull().references('gates.id').onDelete('cascade'))
    // "<platform>:<user id>": one vote per person per gate, whatever they click or type.
    .addColumn('voter', 'text', (c) => c.notNull())
    .addColumn('actor', 'jsonb', (c) => c.notNull())
    .addColumn('vote', 'text', (c) => c.notNull().check(sql`vote in ('approve', 'reject')`))
    .addColumn('note', 'text')
    .addColumn('conditions', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('via', 'text', (c) => c.notNull())
    .addColumn('voted_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('gate_votes_gate_voter_key', ['gate_id', 'voter'])
    .execute();

  await db.schema
    .alterTable('gates')
    .addColumn('assignee', 'jsonb')
    .addColumn('assigned_at', 'timestamptz')
    .addColumn('conditions', 'jsonb')
    .execute();

  await db.schema
    .alterTable('runs')
    .addColumn('priority', 'text', (c) => c.notNull().defaultTo('medium').check(sql`priority in ('critical', 'high', 'medium', 'low')`))
    .execute();

  await db.schema
    .createTable('people_away')
    // "<platform>:user:<id>", the principal form config uses.
    .addColumn('principal', 'text', (c) => c.primaryKey())
    .addColumn('until', 'timestamptz', (c) => c.notNull())
    .addColumn('delegate', 'jsonb', (c) => c.notNull())
    .addColumn('set_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('bulk_approvals')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('actor', 'jsonb', (c) => c.notNull())
    .addColumn('gate_ids', 'jsonb', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('bulk_approvals').execute();
  await db.schema.dropTable('people_away').execute();
  await db.schema.alterTable('runs').dropColumn('priority').execute();
  await db.schema.alterTable('gates').dropColumn('conditions').dropColumn('assigned_at').dropColumn('assignee').execute();
  await db.schema.dropTable('gate_votes').execute();
}
