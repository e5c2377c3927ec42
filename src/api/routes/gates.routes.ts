import { z } from 'zod';
import { describeDecision } from '../../cards';
import { isUserError } from '../../domain/errors';
import { PRIORITIES } from '../../domain/views';
import { parsePersonRef } from '../../schema/person-ref';
import { listPendingGateViews } from '../../runner/api-reads';
import type { DecideGateInput } from '../../runner/factory-service';
import { defineRoute } from '../define-route';
import type { ApiDeps } from '../api-deps';
import { ApiProblem } from '../problem';
import { idParams, idSchema } from '../schemas/common.schema';
import { gateSchema, toGateDto } from '../schemas/gate.schema';


export const listGatesRoute = defineRoute({
  method: 'GET',
  path: '/v1/gates',
  operationId: 'listPendingGates',
  summary: 'Pending gates, most urgent first (nearest SLA deadline, then priority, then age)',
  tag: 'gates',
  auth: 'token',
  scope: 'runs:read',
  query: z.strictObject({
    run: idSchema.optional().meta({ description: 'Only gates of this run' }),
    assignee: z.literal('me').optional().meta({ description: '"me": only gates this token may decide, or has claimed' }),
    priority: z.enum(PRIORITIES).optional(),
  }),
  response: { status: 200, description: 'Pending gates', schema: z.object({ items: z.array(gateSchema) }) },
  async handler({ principal, query, now, deps }) {
    const views = await listPendingGateViews(deps.ctx, principal.actor, { runId: query.run, mine: query.assignee === 'me', priority: query.priority }, now);
    return { body: { items: views.map(toGateDto) } };
  },
});

export const getGateRoute = defineRoute({
  method: 'GET',
  path: '/v1/gates/{id}',
  operationId: 'getGate',
  summary: 'One gate with its context: artifacts, metrics, threshold, what approving unblocks',
  tag: 'gates',
  auth: 'token',
  scope: 'runs:read',
  params: idParams,
  query: z.strictObject({}),
  response: { status: 200, description: 'The gate', schema: gateSchema },
  problems: [404],
  async handler({ params, deps }) {
    return { body: toGateDto(await deps.service.getGate(params.id)) };
  },
});

const line = z.string().trim().min(1).max(500);

/** Decides through the same service call as a button; "already decided" is a 409 naming who and when. */
async function decide(deps: ApiDeps, input: DecideGateInput, now: Date) {
  try {
    const result = await deps.service.decideGate({ ...input, via: 'api' }, now);
    if (result.outcome === 'already-decided') throw new ApiProblem(409, 'gate_already_decided', `Gate #${input.gateId} was already decided: ${describeDecision(result.gate, now)}.`, { gate: toGateDto(result.gate) });
    return { body: toGateDto(result.gate) };
  } catch (error) {
    if (isUserError(error) && error.code === 'confirmation_required') throw new ApiProblem(409, 'confirmation_required', `Gate #${input.gateId} asks for a confirmation: send "confirm": true.`);
    throw error;
  }
}

export const approveGateRoute = defineRoute({
  method: 'POST',
  path: '/v1/gates/{id}/approve',
  operationId: 'approveGate',
  summary: 'Approve a gate (the same decision as its card’s Approve button)',
  tag: 'gates',
  auth: 'token',
  scope: 'gates:decide',
  params: idParams,
  body: z.strictObject({
    notes: z.string().trim().max(2000).optional(),
    conditions: z.array(line).max(20).default([]).meta({ description: 'Conditions attached to the approval, recorded with it' }),
    confirm: z.boolean().default(false).meta({ description: 'Required by gates that ask for a confirmation' }),
  }),
  response: { status: 200, description: 'The decided gate', schema: gateSchema },
  problems: [404, 409],
  async handler({ principal, params, body, now, deps }) {
    return decide(deps, { gateId: params.id, decision: 'approve', reason: body.notes || undefined, conditions: body.conditions, actor: principal.actor, confirmed: body.confirm }, now);
  },
});

export const rejectGateRoute = defineRoute({
  method: 'POST',
  path: '/v1/gates/{id}/reject',
  operationId: 'rejectGate',
  summary: 'Reject a gate with a reason; an after-gate sends its block back for rework',
  tag: 'gates',
  auth: 'token',
  scope: 'gates:decide',
  params: idParams,
  body: z.strictObject({
    reason: z.string().trim().min(1).max(2000),
    requested_changes: z.array(line).max(20).default([]),
  }),
  response: { status: 200, description: 'The decided gate', schema: gateSchema },
  problems: [404, 409],
  async handler({ principal, params, body, now, deps }) {
    const changes = body.requested_changes.length ? `\nRequested changes:\n${body.requested_changes.map((c) => `- ${c}`).join('\n')}` : '';
    return decide(deps, { gateId: params.id, decision: 'reject', reason: `${body.reason}${changes}`, actor: principal.actor }, now);
  },
});

export const claimGateRoute = defineRoute({
  method: 'POST',
  path: '/v1/gates/{id}/claim',
  operationId: 'claimGate',
  summary: '"I\'m on it": quiets the reminders aimed at everyone',
  tag: 'gates',
  auth: 'token',
  scope: 'gates:decide',
  params: idParams,
  body: z.strictObject({}),
  response: { status: 200, description: 'The claimed gate', schema: gateSchema },
  problems: [404, 409],
  async handler({ principal, params, now, deps }) {
    return { body: toGateDto(await deps.service.claimGate(params.id, principal.actor, now)) };
  },
});

/** A person named like in chat ("slack:user:U123", "discord:user:123"); a 422 with the field path otherwise. */
function personAt(field: string, value: string) {
  const parsed = parsePersonRef(value, 'api');
  if (!parsed.ok) throw new ApiProblem(422, 'invalid_request', `Invalid body field "${field}": ${parsed.error}.`, { errors: [{ in: 'body', path: field, pointer: `/${field}`, detail: parsed.error }] });
  return parsed.value;
}

const personSchema = z.string().trim().min(1).max(200).meta({ description: 'A person, e.g. slack:user:U0123ABCD or discord:user:123456789012345678' });

export const reassignGateRoute = defineRoute({
  method: 'POST',
  path: '/v1/gates/{id}/reassign',
  operationId: 'reassignGate',
  summary: 'Hand a gate to someone else (reminders and DMs follow them)',
  tag: 'gates',
  auth: 'token',
  scope: 'gates:decide',
  params: idParams,
  body: z.strictObject({ assignee: personSchema, reason: z.string().trim().max(1000).optional() }),
  response: { status: 200, description: 'The reassigned gate', schema: gateSchema },
  problems: [404, 409],
  async handler({ principal, params, body, now, deps }) {
    const assignee = personAt('assignee', body.assignee);
    return { body: toGateDto(await deps.service.reassignGate({ gateId: params.id, assignee, actor: principal.actor, reason: body.reason ?? null, via: 'api' }, now)) };
  },
});

export const escalateGateRoute = defineRoute({
  method: 'POST',
  path: '/v1/gates/{id}/escalate',
  operationId: 'escalateGate',
  summary: 'Escalate a gate now, ahead of its SLA ladder',
  tag: 'gates',
  auth: 'token',
  scope: 'gates:decide',
  params: idParams,
  body: z.strictObject({ escalate_to: personSchema.optional(), reason: z.string().trim().min(1).max(1000) }),
  response: { status: 200, description: 'The escalated gate', schema: gateSchema },
  problems: [404, 409],
  async handler({ principal, params, body, now, deps }) {
    const to = body.escalate_to ? personAt('escalate_to', body.escalate_to) : null;
    return { body: toGateDto(await deps.service.escalateGate({ gateId: params.id, actor: principal.actor, reason: body.reason, to, via: 'api' }, now)) };
  },
});
