// The run pages: server-side render time of a 400-block run page, its live-state JSON, and a
// 10 MB artifact (rendered page and raw download), each over HTTP against a plain static file of
// the same kind served by the same server. Target: the 400-block page under a second, cold.
// Runs alone too: `npx tsx test/bench/web.bench.ts`. PGlite in memory; nothing leaves 127.0.0.1.
import { pathToFileURL } from 'node:url';
import { HttpServer } from '../../src/http/server';
import { silentLogger } from '../../src/log';
import { migrateToLatest, openDatabase, putArtifact } from '../../src/store';
import { WebLinks } from '../../src/web/web-links';
import { registerWebRoutes } from '../../src/web/web-routes';
import { createTestRun } from '../support/store-fixtures';
import { measure, printTable, summarize, type BenchRow } from './lib/bench';
import { layeredTemplate } from './lib/layered-dag';

const BLOCKS = 400;
const ARTIFACT_BYTES = 10 * 1024 * 1024;

async function get(url: string): Promise<number> {
  const response = await fetch(url);
  const body = await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
  return body.byteLength;
}

export default async function run(): Promise<BenchRow[]> {
  const database = await openDatabase({ memory: true });
  const http = new HttpServer(silentLogger());
  try {
    await migrateToLatest(database.db);
    const { run } = await createTestRun(database.db, { template: layeredTemplate(BLOCKS, 42, 20), name: 'bench run' });
    const line = `${'x'.repeat(63)}\n`;
    const big = line.repeat(Math.ceil(ARTIFACT_BYTES / line.length));
    await putArtifact(database.db, { runId: run.id, blockId: 'b0', attempt: 1, key: 'big', format: 'txt', content: big, now: new Date() });
    const links = new WebLinks({ secret: 'bench-secret-bench-secret-bench-secret', baseUrl: 'http://127.0.0.1', ttlMs: 3_600_000, now: () => new Date() });
    registerWebRoutes(http, { database, links, templates: () => [], now: () => new Date(), log: silentLogger() });
    // The baselines: plain files from memory, through the same server and the same fetch.
    http.route('GET', '/bench/static-10mb.txt', () => ({ status: 200, headers: { 'content-type': 'text/plain' }, body: big }));
    const base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
    const t = links.sign({ kind: 'run', runId: run.id });
    const page = `${base}/runs/${run.id}?t=${t}`;

    const cold = performance.now();
    const pageBytes = await get(page);
    const coldMs = performance.now() - cold;
    process.stderr.write(`[web bench] 400-block page: ${(pageBytes / 1024).toFixed(0)} KB, first render ${coldMs.toFixed(0)} ms\n`);

    const small = { warmup: 5, iterations: 40 };
    const large = { warmup: 2, iterations: 12 };
    return [
      summarize('static file (app.css)', await measure(() => get(`${base}/web/static/app.css`), small)),
      { ...summarize('run page, 400 blocks, first render (layout not cached)', [coldMs]), baseline: 'static file (app.css)' },
      summarize('run page, 400 blocks', await measure(() => get(page), small), { baseline: 'static file (app.css)' }),
      summarize('state.json, 400 blocks (each poll)', await measure(() => get(`${base}/runs/${run.id}/state.json?t=${t}`), small), { baseline: 'static file (app.css)' }),
      summarize('static file, 10 MB', await measure(() => get(`${base}/bench/static-10mb.txt`), large)),
      summarize('artifact page, 10 MB text', await measure(() => get(`${base}/runs/${run.id}/artifacts/b0/big?t=${t}`), large), { baseline: 'static file, 10 MB' }),
      summarize('artifact raw download, 10 MB', await measure(() => get(`${base}/runs/${run.id}/artifacts/b0/big/raw?t=${t}`), large), { baseline: 'static file, 10 MB' }),
    ];
  } finally {
    await http.close();
    await database.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) printTable(await run());
