import type { AttemptOutcome, BlockState, BudgetLimit, GateState } from '../domain/run';
import type { Autonomy, GateKind, GatePosition, RunStatus } from '../domain/statuses';
import type { Template } from '../schema/template';

/** Everything the engine needs to know about one run. Order of `blocks` and `gates` must not matter. */
export interface RunSnapshot {
  template: Template;
  params: Record<string, unknown>;
  /** Per-run autonomy overrides by block id; the key "*" applies to every block. */
  autonomy: Readonly<Record<string, Autonomy>>;
  status: RunStatus;
  blocks: readonly BlockState[];
  /** Gates of the run; the engine looks at the latest per (block, position) by attempt. */
  gates: readonly GateState[];
}

/**
 * What should happen next. The caller applies every action in one transaction, then asks again
 * until no action is returned (the fixpoint). Actions are idempotent in meaning: applying the state
 * they describe twice changes nothing.
 */
export type EngineAction =
  /** Mark a pending (or re-run) block ready to be claimed by a runner. */
  | { type: 'start-block'; blockId: string; attempt: number; cause: 'initial' | 'gate-approved' | 'clarified'; feedback?: string }
  /** Open a gate; the block waits on it. `mode` comes from the autonomy dial. */
  | {
      type: 'open-gate';
      blockId: string;
      position: GatePosition;
      kind: GateKind;
      attempt: number;
      mode: Autonomy;
      question?: string;
      /** A budget gate: the ceiling approving it grants. */
      budgetLimit?: BudgetLimit;
      /** A clarification past its hop limit: it goes straight to the escalation ladder. */
      escalate?: boolean;
    }
  /**
   * Run the block again after a threshold miss or a retryable failure. A repair round (the block
   * has `repair`, and a check failed) counts as a repair and carries the failure as `feedback`.
   */
  | { type: 'retry-block'; blockId: string; attempt: number; reason: string; repair?: { round: number; maxRounds: number; feedback: string } }
  /** A validation block failed: it waits (pending) for the block it checks to be repaired, then runs again. */
  | { type: 'reset-block'; blockId: string; reason: string }
  /** A budget gate was approved: the attempt it held may be claimed. */
  | { type: 'release-block'; blockId: string; attempt: number; gateId: string }
  /** Run the block again with the reviewer's feedback after a rejected after-gate. */
  | { type: 'rework-block'; blockId: string; attempt: number; feedback: string; gateId: string }
  /** The block's work is accepted. */
  | { type: 'complete-block'; blockId: string; score?: number | null; gateId?: string }
  | { type: 'fail-block'; blockId: string; reason: string; gateId?: string }
  /** A dependency failed: this block cannot run unless that dependency is retried. */
  | { type: 'block-block'; blockId: string; waitingOn: string[] }
  /** A failed dependency was retried: this block waits for it again. */
  | { type: 'unblock-block'; blockId: string }
  /** Will never run (a rejected before-gate upstream, or a skipped dependency). */
  | { type: 'skip-block'; blockId: string; reason: string; gateId?: string }
  /** Mark a gate's decision as acted on. Emitted together with the action the decision caused. */
  | { type: 'settle-gate'; gateId: string }
  | { type: 'complete-run' }
  | { type: 'fail-run'; reason: string; failedBlocks: string[] };

export type EngineActionType = EngineAction['type'];

export type { AttemptOutcome };
