import { z } from 'zod';
import type { ExecutorJob } from '../domain/executor';
import { taskResultSchema } from '../schema/task-result';

/**
 * What a worker receives (POST to block.url). It echoes `job_key` and `nonce` in its callback;
 * the nonce is fresh per attempt, so a callback can only complete the attempt it was sent for.
 */
export interface WebhookJobPayload {
  job_key: string;
  nonce: string;
  run_id: string;
  block_id: string;
  block_name: string;
  block_run_id: string;
  attempt: number;
  params: Record<string, unknown>;
  /** Upstream artifacts by "<block>.<key>". */
  inputs: Record<string, { format: string; content: string | null; location: string | null }>;
  feedback: string | null;
  config: Record<string, unknown>;
  outputs: { artifacts: Array<{ key: string; format: string }>; metrics: Array<{ key: string; type: string }> };
  callback_url: string;
  /** ISO time after which a callback is refused as late. */
  deadline: string;
}

export function buildJobPayload(job: ExecutorJob, ids: { jobKey: string; nonce: string }, callbackUrl: string, deadline: Date): WebhookJobPayload {
  const { block } = job;
  return {
    job_key: ids.jobKey,
    nonce: ids.nonce,
    run_id: job.runId,
    block_id: block.id,
    block_name: block.name,
    block_run_id: job.blockRunId,
    attempt: job.attempt,
    params: job.params,
    inputs: Object.fromEntries(
      Object.entries(job.inputs).map(([ref, a]) => [ref, { format: a.format, content: a.content, location: a.location ?? null }]),
    ),
    feedback: job.feedback ?? null,
    config: block.inputs.config,
    outputs: {
      artifacts: block.outputs.artifacts.map((a) => ({ key: a.key, format: a.format })),
      metrics: block.outputs.metrics.map((m) => ({ key: m.key, type: m.type })),
    },
    callback_url: callbackUrl,
    deadline: deadline.toISOString(),
  };
}

/**
 * A worker's callback: `result` (a TaskResult) when it finished, or `error` when it failed and
 * wants to say so now rather than let the attempt time out. Other echoed fields are ignored.
 */
export const callbackBodySchema = z
  .object({
    job_key: z.string().min(1),
    nonce: z.string().min(1),
    result: taskResultSchema.optional(),
    error: z.strictObject({ message: z.string().min(1), retryable: z.boolean().default(true) }).optional(),
  })
  .refine((b) => (b.result === undefined) !== (b.error === undefined), { message: 'send exactly one of "result" or "error"' });

export type CallbackBody = z.output<typeof callbackBodySchema>;
