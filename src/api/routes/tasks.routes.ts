import { z } from 'zod';
import { listPendingGateViews, taskStatsOf } from '../../runner/api-reads';
import { authorize } from '../../permissions/authorize';
import { defineRoute } from '../define-route';

const priorities = z.object({ critical: z.number().int(), high: z.number().int(), medium: z.number().int(), low: z.number().int() });

export const taskStatsRoute = defineRoute({
  method: 'GET',
  path: '/v1/tasks/stats',
  operationId: 'getTaskStats',
  summary: 'Work waiting on people: pending, claimed, SLA breaches, average wait, by priority',
  tag: 'tasks',
  auth: 'token',
  scope: 'runs:read',
  query: z.strictObject({}),
  response: {
    status: 200,
    description: 'Numbers over every pending gate of a running run',
    schema: z.object({ pending: z.number().int(), claimed: z.number().int(), sla_breaches: z.number().int(), avg_wait_minutes: z.number(), by_priority: priorities }),
  },
  async handler({ principal, now, deps }) {
    const stats = taskStatsOf(await listPendingGateViews(deps.ctx, principal.actor, { mine: false }, now), now);
    return { body: { pending: stats.pending, claimed: stats.claimed, sla_breaches: stats.slaBreaches, avg_wait_minutes: stats.avgWaitMinutes, by_priority: stats.byPriority } };
  },
});

const blockerSchema = z.object({
  kind: z.enum(['gate', 'failed-block']),
  run_id: z.string(),
  run_name: z.string(),
  block_id: z.string(),
  block_name: z.string(),
  gate_id: z.string().nullable(),
  reason: z.string(),
  error: z.string().nullable(),
  must_act: z.array(z.string()),
  claimed_by: z.object({ id: z.string(), name: z.string() }).nullable(),
  since: z.string(),
  deadline_at: z.string().nullable(),
  escalation_level: z.number().int(),
  priority: z.string(),
  waiting_blocks: z.array(z.string()),
});

export const blockersRoute = defineRoute({
  method: 'GET',
  path: '/v1/blockers',
  operationId: 'listBlockers',
  summary: 'Everything stuck, most urgent first (like /factory blockers)',
  tag: 'tasks',
  auth: 'token',
  scope: 'runs:read',
  query: z.strictObject({}),
  response: { status: 200, description: 'Blockers', schema: z.object({ items: z.array(blockerSchema) }) },
  async handler({ principal, now, deps }) {
    authorize(principal.actor, 'read', deps.ctx.config);
    const items = (await deps.service.blockers(now)).map((b) => ({
      kind: b.kind,
      run_id: b.runId,
      run_name: b.runName,
      block_id: b.blockId,
      block_name: b.blockName,
      gate_id: b.gateId ?? null,
      reason: b.reason,
      error: b.error ?? null,
      must_act: b.mustAct,
      claimed_by: b.claimedBy ?? null,
      since: b.since.toISOString(),
      deadline_at: b.deadlineAt?.toISOString() ?? null,
      escalation_level: b.escalationLevel,
      priority: b.priority,
      waiting_blocks: b.waitingBlocks,
    }));
    return { body: { items } };
  },
});
