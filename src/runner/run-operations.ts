import { randomBytes } from 'node:crypto';
import type { Actor } from '../domain/actor';
import { UserError } from '../domain/errors';
import { ownValue } from '../domain/own-value';
import type { Autonomy } from '../domain/statuses';
import type { RunOrigin, RunRecord } from '../domain/records';
import type { Priority, RunView } from '../domain/views';
import { validateQuorum } from '../engine/quorum';
import type { Queryable } from '../store/db-schema';
import { buildRunStatusCard } from '../cards';
import { authorize } from '../permissions/authorize';
import { resolveParams } from '../schema/resolve-params';
import type { Template } from '../schema/template';
import { appendAudit } from '../store/audit.store';
import { applyBlockAction, cancelOpenBlocks } from '../store/block-transitions.store';
import { findBlockRun, insertBlockRuns } from '../store/blocks.store';
import { cancelPendingGates } from '../store/gate-decisions.store';
import { reopenFailedRun } from '../store/run-reopen.store';
import { endRun, getRunForUpdate, insertRun, setRunAutonomy } from '../store/runs.store';
import { afterCommit, transaction } from '../store/transaction';
import type { CreateRunInput } from './factory-service';
import { advanceRun } from './advance-run';
import { refreshGateCard } from './gate-operations';
import { loadRunView, requireRun } from './load-run';
import type { ServiceContext } from './service-context';

/** A readable default name: the first text parameter ("Ana Lopez"), else the template's name. */
function defaultRunName(template: Template, params: Record<string, unknown>): string {
  const first = Object.entries(template.params).find(([name, spec]) => spec.type === 'string' && typeof params[name] === 'string' && params[name]);
  return first ? String(params[first[0]]).slice(0, 100) : template.name;
}

/** A quorum nobody can meet would leave a gate pending forever: refuse the run and say which. */
function refuseUnmeetableQuorum(template: Template, config: ServiceContext['config']): void {
  const issues = validateQuorum(template, { groups: config.groups, roles: config.roles });
  if (issues.length === 0) return;
  throw new UserError('invalid_template', `Template "${template.id}" asks for approvals nobody can give:\n${issues.map((i) => `- ${i.path}: ${i.message}`).join('\n')}`);
}

/** Creates a run, starts what can start, and posts its status card; one transaction. */
export async function createRun(ctx: ServiceContext, input: CreateRunInput, now: Date, templateOverride?: Template): Promise<RunView> {
  authorize(input.actor, 'run.create', ctx.config);
  const template = templateOverride ?? ctx.catalog.get(input.templateId);
  refuseUnmeetableQuorum(template, ctx.config);
  const params = resolveParams(template, input.params);
  if (!params.ok) {
    const usage = Object.entries(template.params)
      .map(([name, p]) => (p.required && p.default === undefined ? `${name}=<${p.type}>` : `[${name}=<${p.type}>]`))
      .join(' ');
    throw new UserError('invalid_params', `Cannot start ${template.id}: ${params.problems.map((p) => p.message).join('; ')}.\nUsage: /factory run ${template.id}${usage ? ` ${usage}` : ''}`);
  }
  return transaction(ctx.database, async (trx) => {
    const { view } = await startRun(
      ctx,
      trx,
      {
        template,
        name: input.name?.trim() || defaultRunName(template, params.params),
        params: params.params,
        autonomy: input.autonomy ?? {},
        simulate: input.simulate,
        priority: input.priority,
        actor: input.actor,
        origin: { platform: input.origin.platform, channelId: input.origin.channelId, threadId: input.origin.threadId ?? null },
      },
      now,
    );
    return view;
  });
}

export interface StartRunInput {
  template: Template;
  name: string;
  params: Record<string, string | number | boolean>;
  autonomy: Record<string, Autonomy>;
  simulate: boolean;
  actor: Actor;
  origin: RunOrigin | null;
  /** Default: the template's `priority`, else medium. */
  priority?: Priority;
  /** Extra facts for the 'run.created' audit row (a schedule's fire time). */
  auditMetadata?: Record<string, unknown>;
}

/**
 * Starts a run in the caller's transaction: the run and its blocks, the audit row, the first
 * engine pass and the status card. Used by `createRun` and by scheduled runs, whose fire is
 * recorded in the same transaction.
 */
export async function startRun(ctx: ServiceContext, db: Queryable, input: StartRunInput, now: Date): Promise<{ run: RunRecord; view: RunView }> {
  const run = await insertRun(
    db,
    {
      template: input.template,
      name: input.name,
      params: input.params,
      autonomy: input.autonomy,
      simulate: input.simulate,
      seed: randomBytes(8).toString('hex'),
      createdBy: input.actor,
      origin: input.origin,
      priority: input.priority ?? input.template.priority ?? 'medium',
    },
    now,
  );
  await insertBlockRuns(db, run.id, input.template.blocks);
  await appendAudit(db, {
    at: now,
    actor: input.actor,
    action: 'run.created',
    entityType: 'run',
    entityId: run.id,
    runId: run.id,
    metadata: {
      template: input.template.id,
      version: input.template.version ?? null,
      params: input.params,
      simulate: input.simulate,
      priority: run.priority,
      platform: input.actor.platform,
      ...input.auditMetadata,
    },
  });
  const advanced = await advanceRun(db, run.id, now, ctx);
  const view = await loadRunView(db, advanced.run, ctx.publicBaseUrl);
  await ctx.notifier.runCreated(db, advanced.run, buildRunStatusCard(view, { now, publicBaseUrl: ctx.publicBaseUrl }), now);
  return { run: advanced.run, view };
}

/** Runs a failed block again (a new attempt); a failed run comes back to life with it. */
export async function retryBlock(ctx: ServiceContext, runId: string, blockId: string, actor: Actor, now: Date): Promise<RunView> {
  authorize(actor, 'block.retry', ctx.config);
  await requireRun(ctx.database.db, runId);
  return transaction(ctx.database, async (trx) => {
    let run = (await getRunForUpdate(trx, runId))!;
    const block = await findBlockRun(trx, runId, blockId);
    if (!block) {
      const ids = run.template.blocks.map((b) => b.id).join(', ');
      throw new UserError('unknown_block', `Run #${runId} has no block "${blockId}". Its blocks: ${ids}.`);
    }
    if (block.status !== 'failed') {
      throw new UserError('block_not_retryable', `Only a failed block can be retried; ${blockId} is ${block.status}.`);
    }
    if (run.status === 'failed') run = (await reopenFailedRun(trx, runId, now)) ?? run;
    if (run.status !== 'running') throw new UserError('run_not_active', `Run #${runId} is ${run.status}; it cannot be retried.`);
    await applyBlockAction(trx, runId, { type: 'start-block', blockId, attempt: block.attempts + 1, cause: 'initial' }, now);
    await appendAudit(trx, { at: now, actor, action: 'block.retried', entityType: 'block', entityId: blockId, runId, changes: { from: 'failed', to: 'ready' }, metadata: { attempt: block.attempts + 1 } });
    const advanced = await advanceRun(trx, runId, now, ctx);
    return loadRunView(trx, advanced.run, ctx.publicBaseUrl);
  });
}

/** Stops a run: open blocks and gates are cancelled and every gate card says so. */
export async function cancelRun(ctx: ServiceContext, runId: string, actor: Actor, reason: string, now: Date): Promise<RunView> {
  authorize(actor, 'run.cancel', ctx.config);
  const existing = await requireRun(ctx.database.db, runId);
  if (existing.status !== 'running') throw new UserError('run_not_active', `Run #${runId} is already ${existing.status}.`);
  return transaction(ctx.database, async (trx) => {
    const ended = await endRun(trx, runId, { status: 'cancelled', now, reason });
    if (!ended) throw new UserError('run_not_active', `Run #${runId} has already ended.`);
    await cancelOpenBlocks(trx, runId, now);
    const gates = await cancelPendingGates(trx, runId, { actor, via: 'command', reason, now });
    for (const gate of gates) await refreshGateCard(ctx, trx, ended, gate, now, 'cancelled');
    await appendAudit(trx, { at: now, actor, action: 'run.cancelled', entityType: 'run', entityId: runId, runId, changes: { from: 'running', to: 'cancelled' }, metadata: { reason } });
    const view = await loadRunView(trx, ended, ctx.publicBaseUrl);
    await ctx.notifier.updateSubject(trx, `run:${runId}`, buildRunStatusCard(view, { now, publicBaseUrl: ctx.publicBaseUrl }), `cancelled`, now);
    afterCommit(trx, () => ctx.onRunCancelled?.(runId));
    return view;
  });
}

/** Changes how a run's future gates behave; overrides live on the run, never in the template. */
export async function setAutonomy(ctx: ServiceContext, runId: string, target: string, level: Autonomy, actor: Actor, now: Date): Promise<RunView> {
  authorize(actor, 'autonomy.set', ctx.config);
  const run = await requireRun(ctx.database.db, runId);
  if (target !== '*' && !run.template.blocks.some((b) => b.id === target)) {
    throw new UserError('unknown_block', `Run #${runId} has no block "${target}". Name a block id, or all.`);
  }
  if (run.status !== 'running') throw new UserError('run_not_active', `Run #${runId} is ${run.status}.`);
  return transaction(ctx.database, async (trx) => {
    const before = ownValue(run.autonomy, target) ?? null;
    const updated = await setRunAutonomy(trx, runId, { ...run.autonomy, [target]: level }, now);
    await appendAudit(trx, { at: now, actor, action: 'run.autonomy_set', entityType: 'run', entityId: runId, runId, changes: { from: before, to: level }, metadata: { target } });
    const advanced = await advanceRun(trx, runId, now, ctx);
    return loadRunView(trx, advanced.run ?? updated!, ctx.publicBaseUrl);
  });
}
