// Boot: how long `npm start` takes to be up on embedded PGlite, the first time (a fresh data
// directory: initdb and every migration) and on a restart (same directory), as the real entry
// point in a child process, headless, until it logs "process factory is running". The baseline is
// PGlite's own initdb in a fresh directory, measured in this process in the same run: the floor a
// first start cannot go below without shipping a prebuilt database. Phase rows split each start
// at its log lines: process and config up ("Starting"), database open ("using embedded PGlite"),
// migrated and running.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { summarize, type BenchRow } from './lib/bench';

const REPO_ROOT = new URL('../../', import.meta.url).pathname;
const RUNS = 5;

interface Marks {
  starting: number;
  opened: number;
  running: number;
}

/** One start of src/main.ts in `dataDir`; ms from spawn to each log line. */
function bootOnce(dataDir: string): Promise<Marks> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, FACTORY_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info', DATABASE_URL: '', DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const marks: Partial<Marks> = {};
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const at = performance.now() - t0;
      if (marks.starting === undefined && out.includes('Starting Process Factory')) marks.starting = at;
      if (marks.opened === undefined && out.includes('using embedded PGlite')) marks.opened = at;
      if (out.includes('process factory is running')) {
        marks.running = at;
        child.kill('SIGTERM');
      }
    });
    child.once('exit', () => (marks.running !== undefined ? resolve(marks as Marks) : reject(new Error(`boot failed:\n${out}`))));
  });
}

async function initdbOnce(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-initdb-'));
  const t0 = performance.now();
  const pg = await PGlite.create({ dataDir: dir });
  const ms = performance.now() - t0;
  await pg.close();
  rmSync(dir, { recursive: true, force: true });
  return ms;
}

function phaseRows(label: string, marks: Marks[]): BenchRow[] {
  return [
    summarize(`${label}: spawn → running`, marks.map((m) => m.running), { baseline: 'PGlite initdb alone (fresh dir, in-process)' }),
    summarize(`${label}: spawn → config read ("Starting")`, marks.map((m) => m.starting), { baseline: 'PGlite initdb alone (fresh dir, in-process)' }),
    summarize(`${label}: "Starting" → database open`, marks.map((m) => m.opened - m.starting), { baseline: 'PGlite initdb alone (fresh dir, in-process)' }),
    summarize(`${label}: database open → running (migrations, start)`, marks.map((m) => m.running - m.opened), { baseline: 'PGlite initdb alone (fresh dir, in-process)' }),
  ];
}

export default async function bootBench(): Promise<BenchRow[]> {
  const initdb: number[] = [];
  for (let i = 0; i < RUNS; i++) initdb.push(await initdbOnce());
  const first: Marks[] = [];
  const restart: Marks[] = [];
  // Warm-up: the first spawn fills tsx's transform cache, as any earlier `npm start` would.
  const warm = mkdtempSync(join(tmpdir(), 'bench-boot-'));
  await bootOnce(warm);
  rmSync(warm, { recursive: true, force: true });
  for (let i = 0; i < RUNS; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-boot-'));
    first.push(await bootOnce(dir));
    restart.push(await bootOnce(dir));
    rmSync(dir, { recursive: true, force: true });
  }
  return [summarize('PGlite initdb alone (fresh dir, in-process)', initdb), ...phaseRows('first start', first), ...phaseRows('restart', restart)];
}
