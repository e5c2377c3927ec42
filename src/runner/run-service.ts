import type { Actor } from '../domain/actor';
import type { Autonomy } from '../domain/statuses';
import type { GateView, Priority, RunView, WebhookProblemView } from '../domain/views';
import { authorize } from '../permissions/authorize';
import { listApiTokens } from '../store/api-tokens.store';
import { escalateGate, type EscalateGateInput } from '../escalation/escalate-by-hand';
import { endAway, setAwayWithDelegate } from './away-operations';
import { confirmBulkApproval, prepareBulkApproval, type GateSelector } from './bulk-approval';
import { setGatePriority, setRunPriority } from './priority-operations';
import { reassignGate, type ReassignGateInput } from './reassign-gate';
import { listActiveRuns } from '../store/runs.store';
import type { CreateRunInput, DecideGateInput, DecideGateResult, FactoryService } from './factory-service';
import { claimGate, decideGate, flagGate, gateView, requireGate, snoozeGate } from './gate-operations';
import { loadRunView, requireRun } from './load-run';
import { auditOf, blockers, listTemplates, pauseSchedule, pendingFor, schedules, suggest } from './queries';
import { cancelRun, createRun, retryBlock, setAutonomy } from './run-operations';
import type { ServiceContext } from './service-context';
import { WebhookService } from '../webhooks/webhook-service';

/**
 * The factory as commands see it. Every mutation is one transaction with its audit and outbox rows;
 * every refusal is a UserError. Time comes in as an argument, except for run creation (`now`).
 */
export class RunService implements FactoryService {
  constructor(
    readonly ctx: ServiceContext,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async listTemplates() {
    return listTemplates(this.ctx);
  }
  createRun(input: CreateRunInput): Promise<RunView> {
    return createRun(this.ctx, input, this.clock());
  }
  async getRun(runId: string): Promise<RunView> {
    return loadRunView(this.ctx.database.db, await requireRun(this.ctx.database.db, runId), this.ctx.publicBaseUrl);
  }
  async listActiveRuns(): Promise<RunView[]> {
    const runs = await listActiveRuns(this.ctx.database.db, { limit: 25 });
    return Promise.all(runs.map((r) => loadRunView(this.ctx.database.db, r, this.ctx.publicBaseUrl)));
  }
  async webhookProblems(): Promise<WebhookProblemView[]> {
    const troubled = await new WebhookService(this.ctx).problems();
    return troubled.map((w) => ({ id: w.id, url: w.url, failed: w.deliveries.failed, retrying: w.deliveries.retrying, lastError: w.deliveries.lastError }));
  }
  decideGate(input: DecideGateInput, now: Date): Promise<DecideGateResult> {
    return decideGate(this.ctx, input, now);
  }
  claimGate(gateId: string, actor: Actor, now: Date): Promise<GateView> {
    return claimGate(this.ctx, gateId, actor, now);
  }
  snoozeGate(gateId: string, actor: Actor, forMs: number, now: Date): Promise<GateView> {
    return snoozeGate(this.ctx, gateId, actor, forMs, now);
  }
  flagGate(gateId: string, actor: Actor, now: Date): Promise<GateView> {
    return flagGate(this.ctx, gateId, actor, now);
  }
  async getGate(gateId: string): Promise<GateView> {
    const { gate, run } = await requireGate(this.ctx.database.db, gateId);
    return gateView(this.ctx, this.ctx.database.db, run, gate);
  }
  retryBlock(runId: string, blockId: string, actor: Actor, now: Date): Promise<RunView> {
    return retryBlock(this.ctx, runId, blockId, actor, now);
  }
  cancelRun(runId: string, actor: Actor, reason: string, now: Date): Promise<RunView> {
    return cancelRun(this.ctx, runId, actor, reason, now);
  }
  setAutonomy(runId: string, target: string, level: Autonomy, actor: Actor, now: Date): Promise<RunView> {
    return setAutonomy(this.ctx, runId, target, level, actor, now);
  }
  blockers(now: Date) {
    return blockers(this.ctx, now);
  }
  pendingFor(actor: Actor, now: Date) {
    return pendingFor(this.ctx, actor, now);
  }
  audit(runId: string, limit: number) {
    return auditOf(this.ctx, runId, limit);
  }
  listSchedules() {
    return schedules(this.ctx);
  }
  setSchedulePaused(templateId: string, paused: boolean, actor: Actor, now: Date) {
    return pauseSchedule(this.ctx, templateId, paused, actor, now);
  }
  async listApiTokens(actor: Actor) {
    authorize(actor, 'token.manage', this.ctx.config);
    return (await listApiTokens(this.ctx.database.db)).map(({ id, name, role, agent, scopes, prefix, createdAt, lastUsedAt }) => ({ id, name, role, agent, scopes, prefix, createdAt, lastUsedAt }));
  }
  reassignGate(input: ReassignGateInput, now: Date): Promise<GateView> {
    return reassignGate(this.ctx, input, now);
  }
  escalateGate(input: EscalateGateInput, now: Date): Promise<GateView> {
    return escalateGate(this.ctx, input, now);
  }
  prepareBulkApproval(input: { actor: Actor; selector: GateSelector; note?: string | null }, now: Date) {
    return prepareBulkApproval(this.ctx, input, now);
  }
  confirmBulkApproval(input: { actor: Actor; bulkId: string }, now: Date) {
    return confirmBulkApproval(this.ctx, input, now);
  }
  setRunPriority(input: { runId: string; priority: Priority; actor: Actor }, now: Date) {
    return setRunPriority(this.ctx, input, now);
  }
  setGatePriority(input: { gateId: string; priority: Priority; actor: Actor }, now: Date) {
    return setGatePriority(this.ctx, input, now);
  }
  setAway(input: { actor: Actor; until: Date; delegate: Actor }, now: Date) {
    return setAwayWithDelegate(this.ctx, input, now);
  }
  endAway(actor: Actor, now: Date) {
    return endAway(this.ctx, actor, now);
  }
  suggest(kind: 'template' | 'run' | 'gate' | 'block', prefix: string, context?: { runId?: string }) {
    return suggest(this.ctx, kind, prefix, context);
  }
}
