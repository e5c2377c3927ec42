/**
 * Read models: what the run service loads from the database for cards and commands. They hold what
 * a person needs to decide from a phone, already joined (names, not only ids). Times are Dates, not
 * ages, so a card rendered later (the outbox retries) still shows the right "due in" against `now`.
 */
import type { Principal } from './actor';
import type { LadderAction } from '../schema/sla';
import type {
  Autonomy,
  BlockStatus,
  GateKind,
  GatePosition,
  GateStatus,
  Platform,
  RunStatus,
} from './statuses';

/** Run and gate priorities, most urgent first (sorting follows this order). */
export const PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** How a decision was recorded. Only `button`, `modal`, `command` and `api` are a person's decision. */
export type DecisionSource = 'button' | 'modal' | 'command' | 'api' | 'deadline' | 'autonomy' | 'system';

export interface PersonRef {
  id: string;
  name: string;
}

export interface DeciderRef {
  name: string;
  platform: Platform;
  /** The person's platform id, so cards can name them as a mention there. */
  id?: string;
}

/** The start of one artifact a block produced. */
export interface ArtifactPreview {
  key: string;
  format: string;
  /** The first ~1000 characters of text content; null for binary, directory or external content. */
  preview: string | null;
  /** The full size, when known; compared with the preview to tell whether it was cut. */
  sizeBytes: number | null;
  /** Where the artifact lives when it is external (a notebook URL, an object store link). */
  url?: string | null;
}

export interface ThresholdView {
  metric: string;
  min: number;
}

/** One gate, with everything its card shows. */
export interface GateView {
  id: string;
  runId: string;
  /** Display name of the run, e.g. "clone-factory #12". */
  runName: string;
  templateName: string;
  blockId: string;
  blockName: string;
  layer: string | null;
  position: GatePosition;
  kind: GateKind;
  status: GateStatus;
  mode: Autonomy;
  /** The block attempt this gate belongs to (1-based). */
  attempt: number;
  /** The agent's question (clarification gates), or the budget facts (budget gates). */
  question: string | null;
  /** Clarifications: the team, role or principal asked. */
  target?: string | null;
  priority: Priority;
  openedAt: Date;
  deadlineAt: Date | null;
  decidedAt: Date | null;
  /** The person who decided; null for deadline, autonomy and system decisions. */
  decidedBy: DeciderRef | null;
  decidedVia: DecisionSource | null;
  /** Rejection feedback, approval note, or the answer to a clarification. */
  reason: string | null;
  claimedBy: PersonRef | null;
  /** How many ladder steps have fired (0: only the first notice). */
  escalationLevel: number;
  /** The last ladder step that fired, for wording ("SLA warning"); null when none beyond notify. */
  escalationStep?: LadderAction | null;
  artifacts: ArtifactPreview[];
  /** Metrics of the attempt, e.g. { score: 0.91 }. */
  metrics: Record<string, number>;
  threshold: ThresholdView | null;
  /** Blocks that approving makes ready (empty when approving completes the run). */
  nextBlocks: Array<{ id: string; name: string }>;
  reworks: number;
  maxReworks: number;
  runThreadUrl?: string | null;
  /** Ask "are you sure?" before the decision is recorded. */
  confirm: boolean;
  /** Guided gates only: who flagged the automatic run-on for review. */
  flaggedBy?: DeciderRef | null;
  /** Gates that need more than one approval: who approved so far and what is still missing. */
  quorum?: QuorumView | null;
  /** Conditions the approval carried (approved gates). */
  conditions?: readonly string[];
  /** Who the gate was handed to (reassign, escalate to a person). */
  assignee?: PersonRef | null;
}

/** Progress of a quorum gate: "1 of 2: approved by ana". */
export interface QuorumView {
  required: number;
  /** Approvals that count, in the order given, with the group each one counts for. */
  approvals: Array<{ name: string; platform: Platform; group: string | null }>;
  /** Groups still short: "1 more from legal". */
  missing: Array<{ group: string; need: number }>;
}

/** One block within a run (its latest attempt). */
export interface BlockView {
  id: string;
  name: string;
  layer: string | null;
  parallelGroup: string | null;
  status: BlockStatus;
  attempts: number;
  score: number | null;
  error: string | null;
  startedAt: Date | null;
  endedAt: Date | null;
  /** Repair rounds used, of the block's bound (null: the block has no `repair`). */
  repairs?: { used: number; max: number } | null;
  /** The model that answered the latest attempt, and the one it fell back from. */
  model?: string | null;
  fallbackFrom?: string | null;
}

export interface UsageView {
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

/** One run, for status, list and notice cards. */
export interface RunView {
  id: string;
  name: string;
  templateId: string;
  templateName: string;
  status: RunStatus;
  simulate: boolean;
  /** Display name of who started it ("schedule" for cron-started runs). */
  createdBy: string;
  /** Who started it, as a principal (match people on this, never on `createdBy`). */
  creator: Principal;
  createdAt: Date;
  endedAt: Date | null;
  /** Why the run ended when it did not complete (failure summary, who cancelled). */
  endReason?: string | null;
  params: Record<string, unknown>;
  autonomy: Record<string, Autonomy>;
  blocks: BlockView[];
  pendingGates: GateView[];
  usage: UsageView;
  /** Outbox messages that could not be delivered (so far). */
  deliveryProblems: number;
  threadUrl?: string | null;
}

/** Why something is stuck. The card turns it into words ("SLA breached", "Unclaimed for 4h 20m"). */
export type BlockerReason = 'sla-breached' | 'unclaimed' | 'unassigned' | 'awaiting-decision' | 'failed';

/** One thing that is stuck: a pending gate or a failed block. */
export interface BlockerView {
  kind: 'gate' | 'failed-block';
  runId: string;
  runName: string;
  blockId: string;
  blockName: string;
  gateId?: string | null;
  reason: BlockerReason;
  /** The block's error (failed blocks). */
  error?: string | null;
  /** Who must act, as display names or mentions ("reviewers", "Ana", "<@U123>"). */
  mustAct: string[];
  claimedBy?: PersonRef | null;
  /** Since when it has been stuck (gate opened, block failed). */
  since: Date;
  deadlineAt: Date | null;
  escalationLevel: number;
  priority: Priority;
  /** Names of downstream blocks that wait on it. */
  waitingBlocks: string[];
}

/** One audit log row, joined with names. */
export interface AuditEntryView {
  id: string;
  at: Date;
  actor: { type: 'human' | 'agent' | 'system'; name: string; platform: Platform };
  /** Dotted action, e.g. "gate.approved", "run.cancelled", "block.retried". */
  action: string;
  entity: { type: 'run' | 'block' | 'gate' | 'template' | 'schedule'; id: string; label?: string | null };
  runName?: string | null;
  from?: string | null;
  to?: string | null;
  reason?: string | null;
}

export interface TemplateParamView {
  name: string;
  type: string;
  required: boolean;
  default?: string | number | boolean | null;
  description?: string | null;
}

export interface TemplateSummaryView {
  id: string;
  name: string;
  description?: string | null;
  version?: string | number | null;
  blockCount: number;
  gateCount: number;
  params: TemplateParamView[];
}

export interface ScheduleView {
  templateId: string;
  templateName?: string | null;
  cron: string;
  timezone?: string | null;
  nextFireAt: Date | null;
  paused: boolean;
  lastFiredAt?: Date | null;
}

/** An API token as admins see it: never its secret. */
export interface ApiTokenView {
  id: string;
  name: string;
  role: string;
  agent: boolean;
  scopes: string[];
  /** The first characters of the secret, to recognise it. */
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** An outbound webhook with deliveries in trouble, for `/factory status`. */
export interface WebhookProblemView {
  id: string;
  url: string;
  /** Given up (an operator redelivers them). */
  failed: number;
  /** Failed at least once, retrying with backoff. */
  retrying: number;
  lastError: string | null;
}
