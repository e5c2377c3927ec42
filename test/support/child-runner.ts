/**
 * A runner in its own process, for durability tests: it opens an existing (migrated) PostgreSQL
 * database and runs the real Runner with the simulate executor for every runtime. It reports on
 * stdout, one JSON object per line: {"event":"ready"}, {"event":"started"}, {"event":"executing",
 * blockRunId, attempt} as each attempt starts (so a test can prove no attempt ran in two
 * processes), {"event":"stopped"}. A standby child waits for a "start" line on stdin before its
 * runner claims anything.
 * Started by spawnChildRunner (child-runner-process.ts) as
 * `node --import tsx test/support/child-runner.ts '<options json>'`.
 *
 * SIGTERM stops it gracefully; SIGKILL is what the crash tests use. When its stdin closes (the
 * test process went away) it stops too, so a failed test run leaves no runner behind.
 */
import { createInterface } from 'node:readline';
import pino from 'pino';
import { EMPTY_FILE_CONFIG } from '../../src/config-file';
import type { Executor } from '../../src/domain/executor';
import type { ExecutorRegistry } from '../../src/executors/registry';
import { SimulateExecutor } from '../../src/executors/simulate.executor';
import { Notifier } from '../../src/runner/notifier';
import { Runner } from '../../src/runner/runner';
import { openDatabase } from '../../src/store';
import { parseChildRunnerOptions } from './child-runner-options';

const options = parseChildRunnerOptions(process.argv[2]);
const report = (event: string, data: Record<string, unknown> = {}) => process.stdout.write(`${JSON.stringify({ event, ...data })}\n`);

// Warnings and errors go to stderr, where the parent collects them for its failure messages.
const log = pino({ level: options.logLevel, base: { owner: options.owner } }, pino.destination(2));
const database = await openDatabase({ databaseUrl: options.connectionString, poolMax: options.concurrency + 4, applicationName: options.owner });

const simulate = new SimulateExecutor({ timeScale: options.timeScale });
const reporting: Executor = {
  runtime: 'simulate',
  execute: (job, ctx) => {
    report('executing', { blockRunId: job.blockRunId, blockId: job.block.id, attempt: job.attempt });
    return simulate.execute(job, ctx);
  },
};
// Every runtime rehearses here: no model, process or network, and no executor modules to load.
const executors: ExecutorRegistry = { get: () => reporting, available: () => ['simulate'] };

const runner = new Runner({
  database,
  executors,
  rehearsal: reporting,
  deps: { notifier: new Notifier({ platforms: ['console'], channels: EMPTY_FILE_CONFIG.channels }) },
  log,
  concurrency: options.concurrency,
  leaseMs: options.leaseMs,
  pollMs: options.pollMs,
  owner: options.owner,
});

let stopping: Promise<void> | undefined;
const stop = () =>
  (stopping ??= (async () => {
    await runner.stop(1_000);
    await database.close();
    report('stopped');
    process.exit(0);
  })());
process.on('SIGTERM', () => void stop());
process.stdin.on('end', () => void stop());

const start = () => {
  runner.start();
  report('started');
};
if (options.standby) {
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() === 'start') start();
  });
} else {
  process.stdin.resume();
  start();
}
report('ready', { pid: process.pid, owner: options.owner });
