// The escalation sweep at scale: one pass over 1,000 due gates while 10,000, 100,000 and
// 1,000,000 gates are pending. The sweep should cost what is due, not what is pending: the due
// query is served by the partial index gates_escalation_due_idx (checked with EXPLAIN below).
// PostgreSQL on 127.0.0.1 only; the scratch database is dropped at the end, also on failure.
// Runs alone too: `npx tsx test/bench/escalation.bench.ts`.
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { EscalationSweep } from '../../src/escalation/escalation-sweep';
import { silentLogger } from '../../src/log';
import { countPendingGates } from '../../src/store/escalation-sweep.store';
import { listGatesDueForEscalation } from '../../src/store/gate-tasks.store';
import { insertBlockRuns, insertRun, migrateToLatest, openDatabase, transaction, type Database } from '../../src/store';
import { escalationContext, gateTemplate, operator } from '../integration/escalation/escalation-fixtures';
import { measure, printTable, summarize, type BenchRow } from './lib/bench';
import { createScratchDatabase } from './store/scratch-database';

const DUE = 1_000;
const SIZES = [10_000, 100_000, 1_000_000];
const RUNS = 100;
const NOW = new Date('2025-06-03T12:00:00.000Z');
/** Due gates opened 35 minutes ago: their 30-minute reminder is due (a DM to each approver). */
const DUE_OPENED = new Date(NOW.getTime() - 35 * 60_000);
const MIN = 60_000;
const SWEEP_ITERATIONS = 3;

function note(message: string): void {
  process.stderr.write(`[escalation bench] ${message}\n`);
}

/** `count` pending gates spread over the runs, opened `openedAt`, next looked at `firstNext` + i seconds. */
async function insertGates(database: Database, runIds: string[], opts: { from: number; count: number; openedAt: Date; next: Date; spreadSeconds: number }): Promise<void> {
  await sql`
    insert into gates (run_id, block_id, position, kind, attempt, status, mode, priority, opened_at, deadline_at, escalation_level, next_escalation_at)
    select (${sql.val(runIds)}::bigint[])[1 + (i % ${RUNS})], 'review', 'before', 'approval', i, 'pending', 'gate', 'medium',
           ${opts.openedAt}::timestamptz, ${opts.openedAt}::timestamptz + interval '4 hours', 0,
           ${opts.next}::timestamptz + (i % ${opts.spreadSeconds}) * interval '1 second'
    from generate_series(${opts.from}::int, ${opts.from + opts.count - 1}::int) as i`.execute(database.db);
}

/** Puts the due gates back as they were before a sweep (untimed), so every timed pass does the same work. */
async function resetDueGates(database: Database): Promise<void> {
  await sql`delete from escalation_steps where step_key not like '%:0:0'`.execute(database.db);
  await sql`delete from outbox where created_at = ${NOW}`.execute(database.db);
  await sql`update gates set escalation_level = 0, next_escalation_at = ${new Date(DUE_OPENED.getTime() + 30 * MIN)}
            where opened_at = ${DUE_OPENED} and status = 'pending'`.execute(database.db);
}

async function explainDueQuery(database: Database): Promise<string[]> {
  const { rows } = await sql<{ 'QUERY PLAN': string }>`
    explain (analyze, buffers, costs off)
    select * from gates where status = 'pending' and next_escalation_at <= ${NOW}
    order by next_escalation_at limit 100 for update skip locked`.execute(database.db);
  return rows.map((r) => r['QUERY PLAN']);
}

async function setUp(database: Database): Promise<string[]> {
  const template = gateTemplate({ id: 'bench' });
  const runIds: string[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await insertRun(database.db, { template, name: `bench ${i}`, params: {}, autonomy: {}, simulate: false, seed: 'bench', createdBy: operator, origin: null }, NOW);
    await insertBlockRuns(database.db, run.id, template.blocks);
    runIds.push(run.id);
  }
  await insertGates(database, runIds, { from: 1, count: DUE, openedAt: DUE_OPENED, next: new Date(DUE_OPENED.getTime() + 30 * MIN), spreadSeconds: 1 });
  // The notice at opening, recorded as openGate records it.
  await sql`insert into escalation_steps (gate_id, step_key, level, action, due_at, fired_at)
            select id, id || ':0:0', 0, 'notify', opened_at, opened_at from gates`.execute(database.db);
  return runIds;
}

export default async function run(): Promise<BenchRow[]> {
  const scratch = await createScratchDatabase('escalation');
  let database: Database | undefined;
  try {
    database = await openDatabase({ databaseUrl: scratch.connectionString, poolMax: 10, applicationName: 'escalation-bench' });
    await migrateToLatest(database.db);
    const runIds = await setUp(database);
    const ctx = escalationContext(database, [gateTemplate({ id: 'bench' })]);
    const sweep = new EscalationSweep({ ctx, log: silentLogger(), batchSize: 100 });
    const sweeps: BenchRow[] = [];
    const queries: BenchRow[] = [];
    const counts: BenchRow[] = [];
    let pending = DUE;
    for (const size of SIZES) {
      const started = performance.now();
      await insertGates(database, runIds, { from: pending + 1, count: size - pending, openedAt: NOW, next: new Date(NOW.getTime() + 30 * MIN), spreadSeconds: 4 * 3600 });
      await sql`analyze gates`.execute(database.db);
      pending = size;
      note(`${size.toLocaleString('en')} pending gates (${DUE.toLocaleString('en')} due) ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);

      const plan = await explainDueQuery(database);
      note(`EXPLAIN of the due query at ${size.toLocaleString('en')} pending:\n    ${plan.join('\n    ')}`);
      if (!plan.some((line) => line.includes('gates_escalation_due_idx'))) throw new Error(`the due query does not use gates_escalation_due_idx at ${size} pending gates`);

      const label = `${DUE.toLocaleString('en')} due of ${size.toLocaleString('en')} pending`;
      const samples: number[] = [];
      for (let i = 0; i < SWEEP_ITERATIONS; i++) {
        await resetDueGates(database);
        const t = performance.now();
        const result = await sweep.sweep(NOW);
        samples.push(performance.now() - t);
        if (result.gates !== DUE || result.sent !== DUE) throw new Error(`bench sweep handled ${JSON.stringify(result)}, expected ${DUE} gates and messages`);
      }
      const sweepBase = `sweep pass, ${DUE.toLocaleString('en')} due of ${SIZES[0]!.toLocaleString('en')} pending`;
      sweeps.push(summarize(`sweep pass, ${label}`, samples, { units: DUE, ...(size === SIZES[0] ? {} : { baseline: sweepBase }) }));

      await resetDueGates(database);
      const db = database;
      const querySamples = await measure(() => transaction(db, (trx) => listGatesDueForEscalation(trx, { now: NOW, limit: 100 })), { warmup: 3, iterations: 30 });
      const queryBase = `due query (limit 100), ${SIZES[0]!.toLocaleString('en')} pending`;
      queries.push(summarize(`due query (limit 100), ${size.toLocaleString('en')} pending`, querySamples, size === SIZES[0] ? {} : { baseline: queryBase }));
      const countSamples = await measure(() => countPendingGates(db.db), { warmup: 2, iterations: 10 });
      const countBase = `pending-gates gauge (count), ${SIZES[0]!.toLocaleString('en')} pending`;
      counts.push(summarize(`pending-gates gauge (count), ${size.toLocaleString('en')} pending`, countSamples, size === SIZES[0] ? {} : { baseline: countBase }));
    }
    return [...sweeps, ...queries, ...counts];
  } finally {
    await database?.close();
    await scratch.drop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = performance.now();
  run()
    .then((rows) => {
      printTable(rows);
      process.stdout.write(`\ntotal ${((performance.now() - started) / 1000).toFixed(0)} s, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`);
    })
    .catch((error: unknown) => {
      process.stderr.write(`escalation bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    });
}
