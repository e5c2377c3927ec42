import { sql, type Kysely } from 'kysely';

/**
 * What the runner, the sweeps and the gauges need at scale. Frozen in time: no app imports.
 * - "Is any block of this run still in play?" answered from a partial index, so an incremental
 *   advance never scans a wide run's finished blocks.
 * - Retention: sent outbox rows and fired escalation steps found by age, not by a full scan.
 * - The pending-gates gauge read from counters kept by a trigger: 16 slots (by gate id), so
 *   concurrent gate changes rarely wait on one row; the gauge sums them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('block_runs_in_play_idx')
    .on('block_runs')
    .column('run_id')
    .where(sql.ref('status'), 'in', sql`('pending', 'ready', 'running', 'waiting')`)
    .execute();
  await db.schema.createIndex('outbox_sent_idx').on('outbox').column('sent_at').where(sql.ref('status'), '=', 'sent').execute();
  await db.schema.createIndex('escalation_steps_fired_idx').on('escalation_steps').column('fired_at').execute();

  await db.schema
    .createTable('gate_counts')
    .addColumn('slot', 'smallint', (c) => c.primaryKey())
    .addColumn('pending', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`
    insert into gate_counts (slot, pending)
    select s, (select count(*) from gates where status = 'pending' and id % 16 = s)
    from generate_series(0, 15) as s`.execute(db);
  await sql`
    create function gate_counts_track() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') and old.status = 'pending' then
        update gate_counts set pending = pending - 1 where slot = old.id % 16;
      end if;
      if tg_op in ('INSERT', 'UPDATE') and new.status = 'pending' then
        update gate_counts set pending = pending + 1 where slot = new.id % 16;
      end if;
      return null;
    end;
    $$`.execute(db);
  await sql`
    create trigger gate_counts_pending
    after insert or delete or update of status on gates
    for each row execute function gate_counts_track()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger gate_counts_pending on gates`.execute(db);
  await sql`drop function gate_counts_track()`.execute(db);
  await db.schema.dropTable('gate_counts').execute();
  await db.schema.dropIndex('escalation_steps_fired_idx').execute();
  await db.schema.dropIndex('outbox_sent_idx').execute();
  await db.schema.dropIndex('block_runs_in_play_idx').execute();
}
