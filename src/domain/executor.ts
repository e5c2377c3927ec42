import type { Block } from '../schema/block';
import type { TaskResult } from '../schema/task-result';

export interface ArtifactValue {
  key: string;
  format: string;
  /** Inline content (text formats), or null when it lives at `location`. */
  content: string | null;
  location?: string | null;
}

/** Everything an executor needs to run one attempt of one block. */
export interface ExecutorJob {
  runId: string;
  blockRunId: string;
  block: Block;
  attempt: number;
  params: Record<string, unknown>;
  /** Upstream artifacts by "<block>.<key>", as declared in the block's inputs.depends. */
  inputs: Record<string, ArtifactValue>;
  /** Reviewer's reason after a rejected after-gate, or the answer to a clarification. */
  feedback?: string | null;
  /** Deterministic seed for the simulate executor. */
  seed: string;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  model?: string;
}

export interface ExecutorResult {
  result: TaskResult;
  artifacts: ArtifactValue[];
  usage?: Usage;
  /** Log lines worth keeping with the attempt. */
  log?: string[];
}

export interface ExecutorContext {
  signal: AbortSignal;
  log: (message: string, data?: Record<string, unknown>) => void;
}

/**
 * One runtime (anthropic, shell, webhook, manual, simulate). Throwing means the attempt failed;
 * a thrown ExecutorError says whether a retry could help.
 */
export interface Executor {
  readonly runtime: Block['runtime'];
  execute(job: ExecutorJob, ctx: ExecutorContext): Promise<ExecutorResult>;
}

export class ExecutorError extends Error {
  override readonly name = 'ExecutorError';
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly code: string = 'executor_failed',
  ) {
    super(message);
  }
}
