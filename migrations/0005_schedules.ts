import { sql, type Kysely } from 'kysely';

/** Cron-started runs: one row per scheduled template, one row per fire (so a fire happens once). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('schedules')
    .addColumn('template_id', 'text', (c) => c.primaryKey())
    .addColumn('cron', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text')
    .addColumn('paused', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('next_fire_at', 'timestamptz')
    .addColumn('last_fired_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('schedules_due_idx').on('schedules').column('next_fire_at').where(sql.ref('paused'), '=', false).execute();

  await db.schema
    .createTable('schedule_fires')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('template_id', 'text', (c) => c.notNull().references('schedules.template_id').onDelete('cascade'))
    .addColumn('fire_at', 'timestamptz', (c) => c.notNull())
    .addColumn('run_id', 'bigint', (c) => c.references('runs.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('schedule_fires_template_fire_key', ['template_id', 'fire_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('schedule_fires').execute();
  await db.schema.dropTable('schedules').execute();
}
