import { performance } from 'node:perf_hooks';
import { validateTemplate } from '../../../src/engine/validate-template';
import { openDatabase } from '../../../src/store/database';
import { migrateToLatest } from '../../../src/store/migrate';
import { TemplateCatalog } from '../../../src/runner/template-catalog';
import { listBlockRuns } from '../../../src/store/blocks.store';
import { listBlockAttempts } from '../../../src/store/block-attempts.store';
import { consoleActor, eventually, startFactory } from '../../support/factory-harness';
import type { OursContext, OursMeasurement } from './ours-cases';

const WIDE_BLOCKS = 400;
const DECISIONS = 40;

function template(id: string, blocks: unknown[]) {
  const result = validateTemplate({ id, name: id, blocks });
  if (!result.ok) throw new Error(result.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return result.template;
}

/** A wide run of trivial blocks (no sleep), then gated pairs: a decision and the block it frees. */
export async function measureOurs(ctx: OursContext): Promise<OursMeasurement> {
  const database = await openDatabase({ databaseUrl: ctx.connectionString });
  await migrateToLatest(database.db);
  const wide = template(
    'bench-wide',
    Array.from({ length: WIDE_BLOCKS }, (_, i) => ({ id: `b${i}`, name: `b${i}`, type: 'build', runtime: 'simulate', simulate: { duration: 0 } })),
  );
  const gated = template('bench-gated', [
    { id: 'first', name: 'first', type: 'build', runtime: 'simulate', simulate: { duration: 0 }, human_gate: 'after' },
    { id: 'next', name: 'next', type: 'build', runtime: 'simulate', simulate: { duration: 0 }, inputs: { depends: [{ block: 'first', key: 'score' }] }, outputs: { metrics: [] } },
  ].map((b, i) => (i === 0 ? { ...b, outputs: { metrics: [{ key: 'score', type: 'score' }] } } : b)));
  const factory = await startFactory(database, { concurrency: 10, timeScale: 0 });
  (factory.ctx as { catalog: TemplateCatalog }).catalog = TemplateCatalog.fromTemplates([wide, gated]);
  try {
    const origin = { platform: 'console' as const, channelId: 'console' };
    const startedAt = Date.now();
    const windowStart = performance.now();
    const run = await factory.service.createRun({ templateId: 'bench-wide', params: {}, simulate: false, actor: consoleActor, origin });
    await eventually(async () => (await factory.service.getRun(run.id)).status === 'completed', 'the wide run', 120_000);
    const ends: number[] = [];
    for (const b of await listBlockRuns(database.db, run.id)) {
      for (const a of await listBlockAttempts(database.db, b.id)) if (a.endedAt) ends.push(windowStart + (a.endedAt.getTime() - startedAt));
    }
    ends.sort((x, y) => x - y);

    const latencies: number[] = [];
    for (let i = 0; i < DECISIONS; i++) {
      const r = await factory.service.createRun({ templateId: 'bench-gated', params: {}, simulate: false, actor: consoleActor, origin });
      const gate = await eventually(async () => (await factory.service.getRun(r.id)).pendingGates[0], 'the gate', 30_000);
      // The decision's own time (taken as it is made, before its transaction) to the next block's claim.
      const decidedAt = Date.now();
      await factory.service.decideGate({ gateId: gate.id, decision: 'approve', actor: consoleActor }, new Date(decidedAt));
      const next = await eventually(async () => {
        const block = (await listBlockRuns(database.db, r.id)).find((b) => b.blockId === 'next');
        const attempt = block && (await listBlockAttempts(database.db, block.id))[0];
        return attempt?.startedAt;
      }, 'the next block to start', 30_000);
      latencies.push(next.getTime() - decidedAt);
    }
    return { windowStart, blockCompletedAt: ends, decisionToNextBlockMs: latencies };
  } finally {
    await factory.stop();
    await database.close();
  }
}
