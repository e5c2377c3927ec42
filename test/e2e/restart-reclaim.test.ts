/**
 * `npm start` (src/main.ts, headless, on PostgreSQL) is SIGKILLed while a block runs; the restart
 * in the same data directory knows the lease was its predecessor's and runs the block again at
 * once, instead of after the lease (60 s) runs out.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_TIMEOUT_MS, testDatabases, type TestDatabaseHandle } from '../support/databases';
import { consoleActor, eventually, startFactory, type FactoryHarness } from '../support/factory-harness';

const REPO_ROOT = new URL('../../', import.meta.url).pathname;
const SLOW = {
  id: 'slow',
  name: 'Slow',
  blocks: [{ id: 'wait', name: 'Wait', layer: 'L0', type: 'build', description: 'Takes a minute.', runtime: 'simulate', simulate: { duration: '60s' }, inputs: { depends: [] }, outputs: { artifacts: [] } }],
};

interface Bot {
  child: ChildProcess;
  ready: Promise<number>;
  output: string[];
}

/** The real entry point, headless (no TTY, no chat token), logging JSON lines to stdout. */
function startBot(env: Record<string, string>): Bot {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const ready = new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output.push(chunk.toString());
      if (chunk.toString().includes('process factory is running')) resolve(Date.now());
    });
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('exit', (code) => reject(new Error(`the bot exited (${code}) before it was ready:\n${output.join('')}`)));
  });
  return { child, ready, output };
}

function kill(bot: Bot, signal: NodeJS.Signals): Promise<void> {
  if (bot.child.exitCode !== null || bot.child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    bot.child.once('exit', () => resolve());
    bot.child.kill(signal);
  });
}

describe.each(testDatabases({ only: 'postgres' }))('a restart after SIGKILL on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  let factory: FactoryHarness;
  const bots: Bot[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'factory-restart-'));
  writeFileSync(join(dir, 'slow.json'), JSON.stringify(SLOW));

  beforeAll(async () => {
    database = await open();
    factory = await startFactory(database, { startRunner: false, templatesDir: dir });
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    await Promise.all(bots.map((b) => kill(b, 'SIGKILL')));
    await factory?.stop();
    await database?.close();
  });

  it('GIVEN the process is SIGKILLed mid-block THEN the restart runs the block again within 5 s, as a second attempt', async () => {
    const env = { DATABASE_URL: database.connectionString!, FACTORY_DATA_DIR: join(dir, 'data'), FACTORY_TEMPLATES_DIR: dir, PORT: '0', LOG_LEVEL: 'info', ESCALATION_CRON: '0 0 1 1 *' };
    const first = startBot(env);
    bots.push(first);
    await first.ready;
    const run = await factory.service.createRun({ templateId: 'slow', params: {}, simulate: false, actor: consoleActor, origin: { platform: 'console', channelId: 'console' } });
    const attempt = (n: number) =>
      database.db
        .selectFrom('block_attempts')
        .innerJoin('block_runs', 'block_runs.id', 'block_attempts.block_run_id')
        .select(['block_attempts.status', 'block_attempts.worker', 'block_runs.lease_expires_at'])
        .where('block_runs.run_id', '=', run.id)
        .where('block_attempts.attempt', '=', n)
        .executeTakeFirst();
    const running = await eventually(async () => { const a = await attempt(1); return a?.status === 'running' ? a : undefined; }, 'the block running in the first process', 30_000);
    await kill(first, 'SIGKILL');
    const lease = running.lease_expires_at!;

    const second = startBot(env);
    bots.push(second);
    const readyAt = await second.ready;
    const retried = await eventually(async () => (await attempt(2))?.status === 'running', 'the second attempt running', 10_000);
    const resumedAt = Date.now();
    expect(retried).toBe(true);
    expect(resumedAt - readyAt, 'from the restart being up to the block running again').toBeLessThan(5_000);
    // Well before the dead process's lease would have run out.
    expect(resumedAt).toBeLessThan(lease.getTime());
    expect((await attempt(1))?.status).toBe('lost');
    // Same data directory and host: the same instance, a different process.
    const workers = [(await attempt(1))!.worker, (await attempt(2))!.worker];
    expect(workers[0]!.split(':').slice(0, 2)).toEqual(workers[1]!.split(':').slice(0, 2));
    expect(workers[0]).not.toBe(workers[1]);
    expect(second.output.join('')).toContain('reclaimed a block left running by the previous start of this process');
    await kill(second, 'SIGTERM');
  }, 120_000);
});
