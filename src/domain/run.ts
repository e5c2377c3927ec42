import type { Autonomy, BlockStatus, GateKind, GatePosition, GateStatus, Platform, RunStatus } from './statuses';

/** How the last finished attempt of a block ended, as recorded by the runner. */
export type AttemptOutcome =
  | { kind: 'complete'; metrics: Record<string, number> }
  /** `check` marks a failed output check (schema, missing artifacts): repairable with a hint. */
  | { kind: 'failed'; error: string; retryable: boolean; check?: 'output' }
  | { kind: 'timeout'; error: string }
  | { kind: 'needs_clarification'; question: string }
  | { kind: 'blocked'; blockers: string[] };

/** One block's state within a run (the latest attempt). */
export interface BlockState {
  blockId: string;
  status: BlockStatus;
  /** Attempts started so far, across retries and reworks. */
  attempts: number;
  /** Retries consumed by threshold misses and retryable failures. */
  retries: number;
  /** Reworks consumed by rejected after-gates. */
  reworks: number;
  /** Clarification rounds consumed. */
  clarifications: number;
  /** Repair rounds consumed (check failures re-run with a hint); absent means 0. */
  repairs?: number;
  /** Clarifications in a row since the block last finished an attempt another way; absent means 0. */
  clarificationHops?: number;
  /** What the block's attempts spent so far, and how many attempts reported usage (absent: nothing). */
  costUsd?: number;
  inputTokens?: number;
  outputTokens?: number;
  meteredAttempts?: number;
  /**
   * Set when the running attempt has finished and its outcome is not yet settled by the engine.
   * The runner records the outcome, the engine turns it into the next transition.
   */
  outcome?: AttemptOutcome | null;
  score?: number | null;
  error?: string | null;
}

/** A spending ceiling in either unit; a budget gate proposes one for the run or for one block. */
export interface BudgetLimit {
  scope: 'run' | 'block';
  costUsd?: number;
  tokens?: number;
}

/** One gate instance (the latest per block and position). */
export interface GateState {
  id: string;
  blockId: string;
  position: GatePosition;
  kind: GateKind;
  status: GateStatus;
  /** The block attempt this gate belongs to. */
  attempt: number;
  /** The decision reason (rejection feedback, or the answer to a clarification). */
  reason?: string | null;
  /** True once the engine has acted on this decision (prevents acting twice). */
  settled: boolean;
  /** Budget gates: the ceiling approving it grants (for the run, or for its block). */
  budgetLimit?: BudgetLimit | null;
  /** Timing and ownership, for blockers and escalation (absent in pure engine tests that do not need them). */
  openedAt?: Date;
  deadlineAt?: Date | null;
  claimedBy?: string | null;
  escalationLevel?: number;
  priority?: 'critical' | 'high' | 'medium' | 'low';
}

export interface RunSummary {
  id: string;
  templateId: string;
  name: string;
  status: RunStatus;
  params: Record<string, unknown>;
  autonomy: Record<string, Autonomy>;
  simulate: boolean;
  createdBy: string;
  createdAt: Date;
  endedAt?: Date | null;
  origin?: { platform: Platform; channelId?: string | null; threadId?: string | null } | null;
}
