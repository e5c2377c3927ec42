import type { Actor } from '../domain/actor';
import type { EscalateGateInput } from '../escalation/escalate-by-hand';
import type { AwayView } from './away-operations';
import type { BulkApprovalPreview, BulkApprovalResult, GateSelector } from './bulk-approval';
import type { ReassignGateInput } from './reassign-gate';
import type { Autonomy, Platform } from '../domain/statuses';
import type { ApiTokenView, AuditEntryView, DecisionSource, Priority, BlockerView, GateView, RunView, ScheduleView, TemplateSummaryView, WebhookProblemView } from '../domain/views';

/** Where a command was typed: replies and the run's thread go there. */
export interface Origin {
  platform: Platform;
  channelId: string;
  threadId?: string | null;
}

export interface CreateRunInput {
  templateId: string;
  name?: string;
  params: Record<string, string>;
  simulate: boolean;
  actor: Actor;
  origin: Origin;
  autonomy?: Record<string, Autonomy>;
  /** critical, high, medium or low; default the template's, else medium. */
  priority?: Priority;
}

export type GateDecision = 'approve' | 'reject';

export interface DecideGateInput {
  gateId: string;
  decision: GateDecision;
  reason?: string;
  actor: Actor;
  /** The person confirmed a decision the gate asks to confirm. */
  confirmed?: boolean;
  /** How the decision was made (a button, a form, a typed command), for the audit log and the card. */
  via?: DecisionSource;
  /** Conditions an approval carries: recorded, shown on the decided card and given to the next blocks. */
  conditions?: readonly string[];
  /** Set when the decision is part of a confirmed bulk approval (for the audit row). */
  bulkId?: string;
}

/** What a decision call returns: either this caller decided, or someone already had. */
export type DecideGateResult =
  | { outcome: 'decided'; gate: GateView }
  | { outcome: 'already-decided'; gate: GateView }
  /** A quorum gate: this approval was recorded, more are needed (`gate.quorum` says how many). */
  | { outcome: 'voted'; gate: GateView }
  /** A quorum gate this person already voted on: nothing changed. */
  | { outcome: 'already-voted'; gate: GateView };

/**
 * Everything commands may ask of the factory. Every mutation is one transaction with its audit
 * row and outbox rows; every refusal is a UserError with a sentence for the person.
 */
export interface FactoryService {
  listTemplates(): Promise<TemplateSummaryView[]>;
  createRun(input: CreateRunInput): Promise<RunView>;
  getRun(runId: string, now: Date): Promise<RunView>;
  listActiveRuns(now: Date): Promise<RunView[]>;
  /** Outbound webhooks whose deliveries fail (retrying or given up), for the status card. */
  webhookProblems(): Promise<WebhookProblemView[]>;
  decideGate(input: DecideGateInput, now: Date): Promise<DecideGateResult>;
  claimGate(gateId: string, actor: Actor, now: Date): Promise<GateView>;
  snoozeGate(gateId: string, actor: Actor, forMs: number, now: Date): Promise<GateView>;
  /** A guided gate ran on automatically; a person asks for it to be reviewed after all. */
  flagGate(gateId: string, actor: Actor, now: Date): Promise<GateView>;
  getGate(gateId: string, now: Date): Promise<GateView>;
  retryBlock(runId: string, blockId: string, actor: Actor, now: Date): Promise<RunView>;
  cancelRun(runId: string, actor: Actor, reason: string, now: Date): Promise<RunView>;
  setAutonomy(runId: string, target: string, level: Autonomy, actor: Actor, now: Date): Promise<RunView>;
  blockers(now: Date): Promise<BlockerView[]>;
  /** Pending gates this actor may decide (or has claimed). */
  pendingFor(actor: Actor, now: Date): Promise<GateView[]>;
  audit(runId: string, limit: number): Promise<AuditEntryView[]>;
  listSchedules(now: Date): Promise<ScheduleView[]>;
  setSchedulePaused(templateId: string, paused: boolean, actor: Actor, now: Date): Promise<ScheduleView>;
  /** Hands a pending gate to a person (reminders and DMs follow them). */
  reassignGate(input: ReassignGateInput, now: Date): Promise<GateView>;
  /** Jumps a gate's ladder to its escalate step now, with a reason, optionally to a person. */
  escalateGate(input: EscalateGateInput, now: Date): Promise<GateView>;
  /** Step one of a bulk approval: the gates it would approve, stored for the confirmation click. */
  prepareBulkApproval(input: { actor: Actor; selector: GateSelector; note?: string | null }, now: Date): Promise<BulkApprovalPreview>;
  /** Step two: the Confirm click approves what the card listed, one transaction and audit row each. */
  confirmBulkApproval(input: { actor: Actor; bulkId: string }, now: Date): Promise<BulkApprovalResult>;
  setRunPriority(input: { runId: string; priority: Priority; actor: Actor }, now: Date): Promise<RunView>;
  setGatePriority(input: { gateId: string; priority: Priority; actor: Actor }, now: Date): Promise<GateView>;
  /** Away until a date with a delegate; `endAway` when back early. */
  setAway(input: { actor: Actor; until: Date; delegate: Actor }, now: Date): Promise<AwayView>;
  endAway(actor: Actor, now: Date): Promise<boolean>;
  /** Ids for autocomplete: active run ids with names, pending gate ids with labels, block ids of a run. */
  /** Active API tokens, for admins (`/factory tokens`). */
  listApiTokens(actor: Actor): Promise<ApiTokenView[]>;
  suggest(kind: 'template' | 'run' | 'gate' | 'block', prefix: string, context?: { runId?: string }): Promise<Array<{ value: string; label: string }>>;
}
