// Approving a gate through REST (HTTP, bearer auth, zod, problem mapping) against the same decision
// through the run service in the same process and database: what the door costs on top of the
// decision. Each sample decides a fresh pending gate (a before-gate on a one-block run), so both
// cases do the same database work. PostgreSQL on 127.0.0.1; the scratch database is dropped at
// the end. Runs alone too: `npx tsx test/bench/api.bench.ts`.
import { pathToFileURL } from 'node:url';
import { principalOf } from '../../src/api/auth/api-principal';
import { findActiveApiToken } from '../../src/store/api-tokens.store';
import { hashTokenSecret } from '../../src/api/auth/token-secret';
import { migrateToLatest, openDatabase } from '../../src/store';
import { startApi } from '../integration/api/api-harness';
import { consoleActor } from '../support/factory-harness';
import { measure, percentile, printTable, summarize, type BenchRow } from './lib/bench';
import { createScratchDatabase } from './store/scratch-database';

const WARMUP = 20;
const ITERATIONS = 300;
const reviewTemplate = {
  id: 'bench-review',
  name: 'Bench review',
  blocks: [{ id: 'review', name: 'Review', type: 'review', runtime: 'simulate', human_gate: 'before' }],
};

const p99 = (samples: readonly number[]) => percentile([...samples].sort((a, b) => a - b), 99);

export default async function run(): Promise<BenchRow[]> {
  const scratch = await createScratchDatabase('api');
  const database = await openDatabase({ databaseUrl: scratch.connectionString, log: () => undefined });
  try {
    await migrateToLatest(database.db);
    const api = await startApi(database, { startRunner: false, extraTemplates: [reviewTemplate as never] });
    try {
      const secret = await api.token('bench', 'admin', ['gates:decide', 'runs:write']);
      const principal = principalOf((await findActiveApiToken(database.db, hashTokenSecret(secret)))!);
      const gates: string[] = [];
      for (let i = 0; i < 2 * (WARMUP + ITERATIONS); i++) {
        const view = await api.factory.service.createRun({ templateId: 'bench-review', params: {}, simulate: false, actor: consoleActor, origin: { platform: 'api', channelId: '' } });
        gates.push(view.pendingGates[0]!.id);
      }
      const viaService = await measure(async () => {
        const result = await api.factory.service.decideGate({ gateId: gates.pop()!, decision: 'approve', actor: principal.actor, via: 'api' }, new Date());
        if (result.outcome !== 'decided') throw new Error('bench: a gate was not decided');
      }, { warmup: WARMUP, iterations: ITERATIONS });
      const viaRest = await measure(async () => {
        const res = await fetch(`${api.baseUrl}/v1/gates/${gates.pop()!}/approve`, { method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, body: '{"notes":"bench"}' });
        if (res.status !== 200) throw new Error(`bench: REST approve answered ${res.status}: ${await res.text()}`);
      }, { warmup: WARMUP, iterations: ITERATIONS });
      const base = `approve via the run service (p99 ${p99(viaService).toFixed(2)} ms)`;
      return [summarize(base, viaService), summarize(`approve via POST /v1/gates/{id}/approve (p99 ${p99(viaRest).toFixed(2)} ms)`, viaRest, { baseline: base })];
    } finally {
      await api.stop();
    }
  } finally {
    await database.close();
    await scratch.drop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run()
    .then(printTable)
    .catch((error: unknown) => {
      process.stderr.write(`api bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    });
}
