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
  /** Reviewer's reason after a rejected after-gate, the answer to a clarification, or a repair hint. */
  feedback?: string | null;
  /** What `feedback` is; absent for older callers (treated as a reviewer's feedback). */
  feedbackKind?: 'review' | 'clarification' | 'repair' | null;
  /** The question a clarification answered (with feedbackKind "clarification"). */
  question?: string | null;
  /** A repair round: which one, of how many. */
  repair?: { round: number; maxRounds: number } | null;
  /** The model alias for this attempt when it differs from the block's (a repair round's `repair.model`). */
  model?: string | null;
  /** Deterministic seed for the simulate executor. */
  seed: string;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** The model that answered. */
  model?: string;
  /** The alias the attempt asked for (e.g. "factory/coder"), when it named one. */
  alias?: string;
  /** The first model of the chain, when a fallback answered instead. */
  fallbackFrom?: string;
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
  /** What the attempt spent before it failed (a model answered, but its answer broke a check): budgets count it. */
  usage?: Usage;
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly code: string = 'executor_failed',
  ) {
    super(message);
  }
}
