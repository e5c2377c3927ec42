import { randomBytes, timingSafeEqual } from 'node:crypto';
import { ExecutorError } from '../domain/executor';
import type { TaskResult } from '../schema/task-result';
import { abortError } from './abort';
import { describeIssues } from './declared-artifacts';
import { callbackBodySchema } from './webhook-messages';
import { verifySignedRequest, MAX_SKEW_SECONDS } from './webhook-signature';

export interface CallbackResponse {
  status: number;
  body: { ok: boolean; error?: string };
}

export interface WebhookCallbacksOptions {
  /** Shared with workers; without it every callback is refused with 503. */
  secret?: string;
  maxSkewSeconds?: number;
  /** How many finished jobs are remembered, so a late or repeated callback gets a precise 409. */
  rememberFinished?: number;
}

interface Entry {
  runBlock: string;
  attempt: number;
  nonce: string;
  state: 'waiting' | 'done' | 'expired';
  /** Why the entry is expired ("timed out", "superseded by attempt 3", ...). */
  reason?: string;
  promise: Promise<TaskResult>;
  resolve: (r: TaskResult) => void;
  reject: (e: Error) => void;
}

/**
 * In-flight webhook jobs and their callbacks. The executor registers a job (`expect`) before it
 * POSTs, so a fast worker cannot call back before anyone listens, then `wait`s. The HTTP
 * server hands each POST /callbacks/webhook to `handleCallback`. State is in memory on purpose:
 * it only lives as long as the executor's promise; after a restart the runner's lease expires,
 * the block runs again as a new attempt, and old callbacks are refused as late.
 */
export class WebhookCallbacks {
  private readonly entries = new Map<string, Entry>();
  /** Latest attempt per "<run>:<block>", to name superseded attempts. */
  private readonly latest = new Map<string, number>();
  private readonly finished: string[] = [];

  constructor(private readonly options: WebhookCallbacksOptions = {}) {}

  /** Registers attempt `attempt` of a block; an older attempt still waiting is superseded. */
  expect(job: { runId: string; blockId: string; attempt: number }): { jobKey: string; nonce: string } {
    const runBlock = `${job.runId}:${job.blockId}`;
    const jobKey = `${runBlock}:${job.attempt}`;
    for (const [key, e] of this.entries) {
      if (e.runBlock === runBlock && e.state === 'waiting') {
        this.expire(key, `was superseded by attempt ${job.attempt}`, new ExecutorError(`superseded by attempt ${job.attempt}`, false, 'superseded'));
      }
    }
    this.latest.set(runBlock, Math.max(job.attempt, this.latest.get(runBlock) ?? 0));
    let resolve!: Entry['resolve'];
    let reject!: Entry['reject'];
    const promise = new Promise<TaskResult>((res, rej) => ((resolve = res), (reject = rej)));
    promise.catch(() => undefined); // settled before anyone waits is fine; never an unhandled rejection
    const nonce = randomBytes(16).toString('hex');
    this.entries.set(jobKey, { runBlock, attempt: job.attempt, nonce, state: 'waiting', promise, resolve, reject });
    return { jobKey, nonce };
  }

  /** The worker's result; rejects when the worker reports an error or `signal` aborts (the job then expires). */
  wait(jobKey: string, signal: AbortSignal): Promise<TaskResult> {
    const entry = this.entries.get(jobKey);
    if (!entry) return Promise.reject(new ExecutorError(`no webhook job ${jobKey} is registered`, false, 'unknown_job'));
    if (entry.state !== 'waiting') return entry.promise;
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const timedOut = (signal.reason as { name?: string } | undefined)?.name === 'TimeoutError';
        const error = abortError(signal, 'waiting for the worker');
        this.expire(jobKey, timedOut ? 'timed out' : 'was aborted', error);
        reject(error);
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      entry.promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  /** Gives up on a job (e.g. the POST failed), so a callback that still arrives is refused. */
  cancel(jobKey: string, reason: string): void {
    this.expire(jobKey, reason, new ExecutorError(`webhook job ${reason}`, false, 'cancelled'));
  }

  /** Jobs currently waiting for a callback (for metrics and tests). */
  waitingCount(): number {
    return [...this.entries.values()].filter((e) => e.state === 'waiting').length;
  }

  /**
   * Verifies and applies one callback. 401: bad or missing signature, timestamp more than 5
   * minutes off. 400: not a valid body. 409 ("late callback: …"): unknown job, wrong nonce,
   * already completed, superseded attempt, or after the job timed out. 200: accepted.
   */
  handleCallback(rawBody: string, headers: Record<string, string | undefined>, now: Date): CallbackResponse {
    if (!this.options.secret) return refuse(503, 'webhook callbacks are not configured: set WEBHOOK_SECRET');
    const verified = verifySignedRequest(this.options.secret, rawBody, headers, now, this.options.maxSkewSeconds ?? MAX_SKEW_SECONDS);
    if (!verified.ok) return refuse(401, verified.error);

    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      return refuse(400, 'body is not JSON');
    }
    const parsed = callbackBodySchema.safeParse(json);
    if (!parsed.success) return refuse(400, describeIssues(parsed.error));
    const body = parsed.data;

    const entry = this.entries.get(body.job_key);
    if (!entry) return refuse(409, `late callback: ${this.unknownReason(body.job_key)}`);
    // Same key, other nonce: a callback for an earlier registration of this attempt.
    if (!safeEqual(entry.nonce, body.nonce)) return refuse(409, 'late callback: the nonce does not belong to the current job');
    if (entry.state === 'done') return refuse(409, 'late callback: the job is already completed');
    if (entry.state === 'expired') return refuse(409, `late callback: the job ${entry.reason}`);

    entry.state = 'done';
    this.remember(body.job_key);
    if (body.error) entry.reject(new ExecutorError(`the worker reported: ${body.error.message}`, body.error.retryable, 'worker_failed'));
    else entry.resolve(body.result!);
    return { status: 200, body: { ok: true } };
  }

  private expire(jobKey: string, reason: string, error: Error): void {
    const entry = this.entries.get(jobKey);
    if (!entry || entry.state !== 'waiting') return;
    entry.state = 'expired';
    entry.reason = reason;
    entry.reject(error);
    this.remember(jobKey);
  }

  private unknownReason(jobKey: string): string {
    const cut = jobKey.lastIndexOf(':');
    const attempt = Number(jobKey.slice(cut + 1));
    const latest = cut > 0 ? this.latest.get(jobKey.slice(0, cut)) : undefined;
    if (latest !== undefined && Number.isInteger(attempt) && attempt < latest) return `attempt ${attempt} was superseded by attempt ${latest}`;
    return `no job ${jobKey} is waiting`;
  }

  /** Keeps finished entries for precise 409s, forgetting the oldest beyond the limit. */
  private remember(jobKey: string): void {
    this.finished.push(jobKey);
    const limit = this.options.rememberFinished ?? 1_000;
    while (this.finished.length > limit) {
      const key = this.finished.shift()!;
      const old = this.entries.get(key);
      if (!old || old.state === 'waiting') continue;
      this.entries.delete(key);
      if (![...this.entries.values()].some((e) => e.runBlock === old.runBlock)) this.latest.delete(old.runBlock);
    }
  }
}

function refuse(status: number, error: string): CallbackResponse {
  return { status, body: { ok: false, error } };
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
