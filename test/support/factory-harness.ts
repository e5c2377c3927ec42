import { SimulateExecutor } from '../../src/executors/simulate.executor';
import { createExecutorRegistry, type ExecutorRegistryOptions } from '../../src/executors/registry';
import type { Template } from '../../src/schema/template';
import { EMPTY_FILE_CONFIG, type FileConfig } from '../../src/config-file';
import type { Actor } from '../../src/domain/actor';
import type { Platform } from '../../src/domain/statuses';
import { silentLogger, type Logger } from '../../src/log';
import { Notifier } from '../../src/runner/notifier';
import { RunService } from '../../src/runner/run-service';
import { Runner } from '../../src/runner/runner';
import { TemplateCatalog } from '../../src/runner/template-catalog';
import type { ServiceContext } from '../../src/runner/service-context';
import type { Database } from '../../src/store/database';

export const consoleActor: Actor = { type: 'human', platform: 'console', id: 'console', name: 'you' };

export interface FactoryHarness {
  service: RunService;
  runner: Runner;
  ctx: ServiceContext;
  stop(): Promise<void>;
}

/**
 * The real run service and runner on a test database, with the shipped templates. Rehearsals run
 * at `timeScale` (0: no waiting), so a whole template completes in moments.
 */
export async function startFactory(
  database: Database,
  opts: {
    platforms?: Platform[];
    config?: Partial<FileConfig>;
    timeScale?: number;
    concurrency?: number;
    startRunner?: boolean;
    log?: Logger;
    /** Templates to run instead of the shipped ones. */
    templates?: Template[];
    /** Executors beyond simulate (e.g. anthropic against the local fake). */
    executors?: Omit<ExecutorRegistryOptions, 'simulate'>;
    /** A folder of templates to load instead of the shipped ones. */
    templatesDir?: string;
  } = {},
): Promise<FactoryHarness> {
  const catalog = opts.templates ? TemplateCatalog.fromTemplates(opts.templates) : await TemplateCatalog.load(opts.templatesDir ?? new URL('../../templates', import.meta.url).pathname);
  const config = { ...EMPTY_FILE_CONFIG, ...opts.config };
  const notifier = new Notifier({ platforms: opts.platforms ?? ['console'], channels: config.channels, gateCopies: config.cards.gate_copies });
  const log = opts.log ?? silentLogger();
  const cancelled: { runner?: Runner } = {};
  const ctx: ServiceContext = { database, catalog, config, teams: config.teams, notifier, onRunCancelled: (id) => cancelled.runner?.cancelRun(id) };
  const timeScale = opts.timeScale ?? 0;
  const runner = new Runner({
    database,
    executors: createExecutorRegistry({ simulate: { timeScale }, ...opts.executors }),
    rehearsal: new SimulateExecutor({ timeScale }),
    deps: ctx,
    log,
    concurrency: opts.concurrency ?? 4,
    pollMs: 200,
  });
  cancelled.runner = runner;
  if (opts.startRunner !== false) runner.start();
  const service = new RunService(ctx);
  return { service, runner, ctx, stop: () => runner.stop(1_000) };
}

/** Waits until `check` passes, driving nothing itself (the runner works in the background). */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
