import { sql, type Kysely } from 'kysely';

/**
 * Agent blocks (issue 14): repair rounds and clarification hops are counted per block run, the
 * kind of the feedback waiting for the next attempt is kept beside it (a reviewer's rework, a
 * clarification's answer or a repair hint), attempts that reported usage are counted (the budget
 * estimate averages over them) with the model that answered the last one, and gates gain the kind `budget` with the ceiling a person
 * approves, plus the team a clarification is routed to.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('block_runs')
    .addColumn('repairs', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('clarification_hops', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('metered_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_model', 'text')
    .addColumn('last_fallback_from', 'text')
    .addColumn('feedback_kind', 'text', (c) => c.check(sql`feedback_kind in ('review', 'clarification', 'repair')`))
    .execute();
  await db.schema.alterTable('gates').addColumn('budget_limit', 'jsonb').addColumn('target', 'text').execute();
  await sql`alter table gates drop constraint gates_kind_check`.execute(db);
  await sql`alter table gates add constraint gates_kind_check check (kind in ('approval', 'clarification', 'task', 'budget'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table gates drop constraint gates_kind_check`.execute(db);
  await sql`alter table gates add constraint gates_kind_check check (kind in ('approval', 'clarification', 'task'))`.execute(db);
  await db.schema.alterTable('gates').dropColumn('budget_limit').dropColumn('target').execute();
  await db.schema
    .alterTable('block_runs')
    .dropColumn('repairs')
    .dropColumn('clarification_hops')
    .dropColumn('metered_attempts')
    .dropColumn('last_model')
    .dropColumn('last_fallback_from')
    .dropColumn('feedback_kind')
    .execute();
}
