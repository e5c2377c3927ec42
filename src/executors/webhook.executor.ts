import type { Executor, ExecutorContext, ExecutorJob, ExecutorResult } from '../domain/executor';
import { ExecutorError } from '../domain/executor';
import { formatDuration } from '../schema/duration';
import type { TaskResult } from '../schema/task-result';
import { abortError, throwIfAborted } from './abort';
import { collectDeclaredArtifacts } from './declared-artifacts';
import type { WebhookCallbacks } from './webhook-callbacks';
import { buildJobPayload } from './webhook-messages';
import { signedHeaders } from './webhook-signature';

export interface WebhookExecutorOptions {
  /** Signs jobs (and, in WebhookCallbacks, verifies callbacks). Without it webhook blocks fail as not configured. */
  secret?: string;
  /** Public URL of this bot's POST /callbacks/webhook, sent to workers. */
  callbackUrl: string;
  callbacks: WebhookCallbacks;
  /** Injectable for tests; default the global fetch. */
  fetch?: typeof fetch;
  /** Clock for the signature timestamp and deadline. */
  now?: () => Date;
  /** How long a worker may take when the block sets no timeout. Default 30 minutes. */
  defaultTimeoutMs?: number;
}

/**
 * Hands a block to an external worker: POSTs the signed job to block.url, then waits for the
 * worker's signed callback (through WebhookCallbacks) until the block's timeout.
 */
export class WebhookExecutor implements Executor {
  readonly runtime = 'webhook' as const;

  constructor(private readonly options: WebhookExecutorOptions) {}

  async execute(job: ExecutorJob, ctx: ExecutorContext): Promise<ExecutorResult> {
    const { block } = job;
    const { secret, callbacks } = this.options;
    if (!secret) {
      throw new ExecutorError('WEBHOOK_SECRET is not set: add it to .env (workers use it to verify jobs and sign callbacks)', false, 'not_configured');
    }
    if (!block.url) throw new ExecutorError(`block ${block.id} has runtime "webhook" but no url: add "url" to the block`, false, 'not_configured');
    throwIfAborted(ctx.signal);

    const now = this.options.now?.() ?? new Date();
    const timeoutMs = block.timeout ?? this.options.defaultTimeoutMs ?? 1_800_000;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = AbortSignal.any([ctx.signal, timeout]);
    const ids = callbacks.expect({ runId: job.runId, blockId: block.id, attempt: job.attempt });
    const payload = buildJobPayload(job, ids, this.options.callbackUrl, new Date(now.getTime() + timeoutMs));

    let result: TaskResult;
    try {
      await this.post(block.url, JSON.stringify(payload), secret, now, signal);
      ctx.log('webhook: job accepted, waiting for the callback', { block: block.id, jobKey: ids.jobKey });
      result = await callbacks.wait(ids.jobKey, signal);
    } catch (err) {
      callbacks.cancel(ids.jobKey, ctx.signal.aborted ? 'was aborted' : timeout.aborted ? 'timed out' : 'failed to start');
      if (ctx.signal.aborted) throw abortError(ctx.signal, 'the webhook job');
      if (timeout.aborted) throw new ExecutorError(`the worker did not call back within ${formatDuration(timeoutMs)}`, true, 'timeout');
      throw err;
    }

    const collected = collectDeclaredArtifacts(block, result.status, result.artifacts, { source: 'the worker', retryable: false });
    if (collected.ignored.length) ctx.log('webhook: undeclared artifacts ignored', { block: block.id, keys: collected.ignored });
    return { result: { ...result, artifacts: collected.contents }, artifacts: collected.artifacts };
  }

  private async post(url: string, body: string, secret: string, now: Date, signal: AbortSignal): Promise<void> {
    const doFetch = this.options.fetch ?? fetch;
    let res: Response;
    try {
      res = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'process-factory', ...signedHeaders(secret, body, now) },
        body,
        signal,
        redirect: 'error',
      });
    } catch (err) {
      if (signal.aborted) throw err;
      const cause = (err as { cause?: { message?: string } }).cause?.message ?? (err as Error).message;
      throw new ExecutorError(`could not reach the worker at ${url}: ${cause}`, true, 'worker_unreachable');
    }
    const text = await res.text().catch(() => '');
    if (!res.ok) {
      const retryable = res.status >= 500 || res.status === 429 || res.status === 408;
      throw new ExecutorError(`the worker at ${url} answered ${res.status}${text ? `: ${text.slice(0, 500)}` : ''}`, retryable, 'worker_rejected');
    }
  }
}
