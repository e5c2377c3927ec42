import { performance } from 'node:perf_hooks';
import { validateTemplate } from '../../../src/engine/validate-template';
import type { Template } from '../../../src/schema/template';
import { TemplateCatalog } from '../../../src/runner/template-catalog';
import { listBlockAttempts } from '../../../src/store/block-attempts.store';
import { listBlockRuns } from '../../../src/store/blocks.store';
import type { Database } from '../../../src/store/database';
import { openDatabase } from '../../../src/store/database';
import { listPendingGates } from '../../../src/store/gates.store';
import { migrateToLatest } from '../../../src/store/migrate';
import { listActiveRuns } from '../../../src/store/runs.store';
import { consoleActor, eventually, startFactory, type FactoryHarness } from '../../support/factory-harness';
import type { CompletionWindow, OursContext, OursMeasurement } from './ours-cases';

const CONCURRENCY = 10;
const SIZES = process.env.PF_BENCH_SIZES ? process.env.PF_BENCH_SIZES.split(",").map(Number) : [40, 400, 4_000];
const MANY_RUNS = 100;
const SMALL_RUN_BLOCKS = 10;
const DECISIONS = 40;
const origin = { platform: 'console' as const, channelId: 'console' };

function template(id: string, blocks: unknown[]): Template {
  const result = validateTemplate({ id, name: id, blocks });
  if (!result.ok) throw new Error(result.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return result.template;
}

const trivial = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `b${i}`, name: `b${i}`, type: 'build', runtime: 'simulate', simulate: { duration: 0 } }));

const gated = template('bench-gated', [
  { id: 'first', name: 'first', type: 'build', runtime: 'simulate', simulate: { duration: 0 }, human_gate: 'after', outputs: { metrics: [{ key: 'score', type: 'score' }] } },
  { id: 'next', name: 'next', type: 'build', runtime: 'simulate', simulate: { duration: 0 }, inputs: { depends: [{ block: 'first', key: 'score' }] }, outputs: { metrics: [] } },
]);

/**
 * Wide runs (one per size), many small runs at once, then gated pairs (a decision and the block it
 * frees). Every batch is created with the runner stopped and timed from its first block start, as
 * the peer's jobs are enqueued before its pool starts.
 */
export async function measureOurs(ctx: OursContext): Promise<OursMeasurement> {
  const database = await openDatabase({ databaseUrl: ctx.connectionString, poolMax: CONCURRENCY + 4 });
  await migrateToLatest(database.db);
  const templates = [...SIZES.map((n) => template(`wide-${n}`, trivial(n))), template('small', trivial(SMALL_RUN_BLOCKS)), gated];
  try {
    const bySize: OursMeasurement['bySize'] = [];
    for (const blocks of SIZES) bySize.push({ blocks, window: await completions(database, templates, `wide-${blocks}`, 1) });
    const manyRuns = await completions(database, templates, 'small', MANY_RUNS);
    const latency = await decisions(database, templates);
    return { wide: bySize.find((s) => s.blocks === 400)!.window, manyRuns, bySize, ...latency };
  } finally {
    await database.close();
  }
}

async function factoryOn(database: Database, templates: Template[], startRunner: boolean): Promise<FactoryHarness> {
  const factory = await startFactory(database, { concurrency: CONCURRENCY, timeScale: 0, startRunner });
  (factory.ctx as { catalog: TemplateCatalog }).catalog = TemplateCatalog.fromTemplates(templates);
  return factory;
}

async function completions(database: Database, templates: Template[], templateId: string, runs: number): Promise<CompletionWindow> {
  const factory = await factoryOn(database, templates, false);
  try {
    const ids: string[] = [];
    for (let i = 0; i < runs; i++) ids.push((await factory.service.createRun({ templateId, params: {}, simulate: false, actor: consoleActor, origin })).id);
    factory.runner.start();
    await eventually(async () => (await listActiveRuns(database.db, { limit: 1 })).length === 0, `${runs} × ${templateId}`, 300_000);
    // Attempt times are the runner's clock (Date.now()); map them onto performance.now().
    const offset = performance.now() - Date.now();
    const starts: number[] = [];
    const ends: number[] = [];
    for (const runId of ids) {
      for (const b of await listBlockRuns(database.db, runId)) {
        for (const a of await listBlockAttempts(database.db, b.id)) {
          starts.push(a.startedAt.getTime() + offset);
          if (a.endedAt) ends.push(a.endedAt.getTime() + offset);
        }
      }
    }
    ends.sort((x, y) => x - y);
    return { windowStart: Math.min(...starts), blockCompletedAt: ends };
  } finally {
    await factory.stop();
  }
}

async function decisions(database: Database, templates: Template[]): Promise<Pick<OursMeasurement, 'decisionToNextBlockMs'>> {
  const factory = await factoryOn(database, templates, true);
  const fromCall: number[] = [];
  try {
    for (let i = 0; i < DECISIONS; i++) {
      const r = await factory.service.createRun({ templateId: 'bench-gated', params: {}, simulate: false, actor: consoleActor, origin });
      const gate = await eventually(async () => (await listPendingGates(database.db, { runId: r.id }))[0], 'the gate', 30_000);
      await factory.runner.idle();
      const decidedAt = Date.now();
      await factory.service.decideGate({ gateId: gate.id, decision: 'approve', actor: consoleActor }, new Date(decidedAt));
      const next = await eventually(async () => {
        const block = (await listBlockRuns(database.db, r.id)).find((b) => b.blockId === 'next');
        const attempt = block && (await listBlockAttempts(database.db, block.id))[0];
        return attempt?.startedAt;
      }, 'the next block to start', 30_000);
      fromCall.push(next.getTime() - decidedAt);
    }
    return { decisionToNextBlockMs: fromCall };
  } finally {
    await factory.stop();
  }
}
