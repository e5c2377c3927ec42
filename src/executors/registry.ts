import type { Executor } from '../domain/executor';
import { ExecutorError } from '../domain/executor';
import type { Block } from '../schema/block';
import { NO_API_KEY_MESSAGE } from './anthropic-messages';
import type { AnthropicExecutorOptions } from './anthropic.executor';
import { ShellExecutor, type ShellExecutorOptions } from './shell.executor';
import { SimulateExecutor, type SimulateExecutorOptions } from './simulate.executor';
import { WebhookExecutor, type WebhookExecutorOptions } from './webhook.executor';

export type Runtime = Block['runtime'];

export interface ExecutorRegistryOptions {
  /** Always available; options only tune it. */
  simulate?: SimulateExecutorOptions;
  /** Omit to switch the shell runtime off. */
  shell?: ShellExecutorOptions;
  /** Omit (or give no apiKey) and anthropic blocks fail with the "ANTHROPIC_API_KEY is not set" error. */
  anthropic?: AnthropicExecutorOptions;
  /** Omit to switch the webhook runtime off. */
  webhook?: WebhookExecutorOptions;
}

export interface ExecutorRegistry {
  /** The executor of a runtime; throws ExecutorError (not retryable) saying why one is unavailable. */
  get(runtime: Runtime): Executor;
  /** Runtimes that have an executor. */
  available(): Runtime[];
}

/** What `get` says for a runtime without an executor: each sentence tells the operator what to do. */
const UNAVAILABLE: Record<Runtime, { code: string; message: string }> = {
  manual: {
    code: 'manual_runtime',
    message: 'runtime "manual" has no executor: the engine opens a task gate for it, and a person completes it in chat',
  },
  anthropic: { code: 'not_configured', message: NO_API_KEY_MESSAGE },
  shell: { code: 'not_configured', message: 'the shell runtime is switched off in this deployment: enable it in the executor configuration, or run the template with simulate' },
  webhook: {
    code: 'not_configured',
    message: 'the webhook runtime is not configured: set WEBHOOK_SECRET and PUBLIC_BASE_URL (workers call back to it), or run the template with simulate',
  },
  simulate: { code: 'not_configured', message: 'the simulate runtime is unavailable' },
};

/** Builds one executor per configured runtime (an explicit list, no discovery). */
export function createExecutorRegistry(opts: ExecutorRegistryOptions = {}): ExecutorRegistry {
  const executors = new Map<Runtime, Executor>();
  executors.set('simulate', new SimulateExecutor(opts.simulate));
  if (opts.shell) executors.set('shell', new ShellExecutor(opts.shell));
  // Registered even without a key: the block then fails with a clear error instead of the bot refusing to boot.
  if (opts.anthropic) {
    const anthropic = opts.anthropic;
    // The SDK takes seconds to import on a busy machine; load it with the first anthropic block, not at boot.
    executors.set('anthropic', loadOnFirstUse('anthropic', async () => new (await import('./anthropic.executor')).AnthropicExecutor(anthropic)));
  }
  if (opts.webhook) executors.set('webhook', new WebhookExecutor(opts.webhook));

  return {
    get(runtime) {
      const executor = executors.get(runtime);
      if (executor) return executor;
      const why = UNAVAILABLE[runtime] ?? { code: 'not_configured', message: `unknown runtime "${String(runtime)}"` };
      throw new ExecutorError(why.message, false, why.code);
    },
    available: () => [...executors.keys()],
  };
}

/** An executor whose module is imported on its first job (and once). */
function loadOnFirstUse(runtime: Runtime, load: () => Promise<Executor>): Executor {
  let loaded: Promise<Executor> | undefined;
  return {
    runtime,
    execute: async (job, ctx) => (await (loaded ??= load())).execute(job, ctx),
  };
}
