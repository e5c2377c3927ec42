/**
 * Stored records: what the store returns, row for row (ids as strings, times as Dates). They
 * extend the engine's contracts in ./run, so a list of BlockRun is a BlockState[] and a list of
 * GateRecord is a GateState[]. Views for cards (./views) are built from these by the run service.
 */
import type { Template } from '../schema/template';
import type { Actor } from './actor';
import type { AttemptOutcome, BlockState, BudgetLimit, GateState, RunSummary } from './run';
import type { Autonomy, Platform } from './statuses';
import type { DecisionSource, Priority } from './views';

/** Where a run was started (the command's channel and thread). */
export interface RunOrigin {
  platform: Platform;
  channelId?: string | null;
  threadId?: string | null;
}

export interface RunRecord extends RunSummary {
  templateVersion: string | null;
  /** The validated template as it was when the run was created; later edits never change a run. */
  template: Template;
  seed: string;
  /** The full actor; `createdBy` (from RunSummary) is their display name. */
  creator: Actor;
  updatedAt: Date;
  endedAt: Date | null;
  endReason: string | null;
  origin: RunOrigin | null;
  /** critical, high, medium or low: set at start (`priority=high`, else the template's default); gates inherit it. */
  priority: Priority;
}

/** One block of one run, with the runner's lease and the usage of every attempt so far. */
export interface BlockRun extends BlockState {
  id: string;
  runId: string;
  outcome: AttemptOutcome | null;
  score: number | null;
  error: string | null;
  /** Input for the next attempt: rejection feedback, the answer to a clarification, or a repair hint. */
  feedback: string | null;
  feedbackKind: FeedbackKind | null;
  repairs: number;
  clarificationHops: number;
  meteredAttempts: number;
  /** The model that answered the latest metered attempt, and the one it fell back from (if any). */
  lastModel: string | null;
  lastFallbackFrom: string | null;
  leaseOwner: string | null;
  leaseExpiresAt: Date | null;
  startedAt: Date | null;
  endedAt: Date | null;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  parallelGroup: string | null;
}

export type FeedbackKind = 'review' | 'clarification' | 'repair';

export type AttemptStatus = 'running' | 'complete' | 'failed' | 'timeout' | 'needs_clarification' | 'blocked' | 'lost' | 'cancelled';

/** One execution of one attempt of a block (unique per block run and attempt number). */
export interface BlockAttempt {
  id: string;
  blockRunId: string;
  attempt: number;
  worker: string;
  startedAt: Date;
  endedAt: Date | null;
  status: AttemptStatus;
  outcome: AttemptOutcome | null;
  /** `model` is the model that answered; `fallbackFrom` the first model tried when it was another one. */
  usage: { inputTokens: number; outputTokens: number; costUsd: number; model?: string; alias?: string; fallbackFrom?: string } | null;
}

export interface GateRecord extends GateState {
  runId: string;
  mode: Autonomy;
  question: string | null;
  reason: string | null;
  /** Clarifications: the team, role or principal asked (null: the run's reviewers). */
  target: string | null;
  budgetLimit: BudgetLimit | null;
  priority: Priority;
  openedAt: Date;
  deadlineAt: Date | null;
  decidedAt: Date | null;
  decidedBy: Actor | null;
  decidedVia: DecisionSource | null;
  /** The claimant's actor id (GateState.claimedBy); `claimant` is the full actor. */
  claimedBy: string | null;
  claimant: Actor | null;
  claimedAt: Date | null;
  snoozedUntil: Date | null;
  escalationLevel: number;
  nextEscalationAt: Date | null;
  /** Who the gate was handed to (reassign, escalate to a person); reminders and DMs go to them. */
  assignee: Actor | null;
  assignedAt: Date | null;
  /** Conditions the approval carried (empty when none, or not approved). */
  conditions: string[];
}

export interface ArtifactRecord {
  id: string;
  runId: string;
  blockId: string;
  attempt: number;
  key: string;
  format: string;
  content: string | null;
  location: string | null;
  sizeBytes: number | null;
  /** sha256 of the content, hex. */
  checksum: string | null;
  createdAt: Date;
}

export interface AuditEntry {
  id: string;
  at: Date;
  runId: string | null;
  gateId: string | null;
  actor: Pick<Actor, 'type' | 'id' | 'name' | 'platform'>;
  /** Dotted action, e.g. "gate.approved". */
  action: string;
  entityType: string;
  entityId: string;
  changes: { from?: unknown; to?: unknown } | null;
  metadata: Record<string, unknown> | null;
}
