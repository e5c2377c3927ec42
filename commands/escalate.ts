import { z } from 'zod';
import { gateId, gateOption } from './options';
import { personOption, requirePerson } from './person';
import { ephemeral } from './reply';
import { defineCommand } from './types';

const USAGE = 'escalate <gate> [to @person] <reason>';

export const escalateCommand = defineCommand({
  name: 'escalate',
  description: 'Escalate a gate now, with a reason (to the admins, or to a person)',
  usage: USAGE,
  permission: 'gate.claim',
  // Discord lists required options first; typed text reads "escalate 7 to @ana the launch is today".
  options: [
    gateOption,
    { name: 'reason', description: 'Why it cannot wait', type: 'string', required: true, rest: true, maxLength: 1000 },
    personOption('to', 'Escalate to this person instead of the admins', false),
  ],
  schema: z.object({
    gate: gateId,
    reason: z.string({ error: 'say why it cannot wait' }).trim().min(3, 'say why it cannot wait').max(1000),
    to: z.string().trim().min(1).optional(),
  }),
  parseText(tokens) {
    const [gate, ...rest] = tokens;
    const to = rest[0]?.toLowerCase() === 'to' ? rest[1] : undefined;
    const reason = (to ? rest.slice(2) : rest).join(' ');
    return { gate, reason: reason || undefined, to };
  },
  async handle(ctx, args) {
    const to = args.to ? requirePerson(args.to, ctx.actor, USAGE) : null;
    const view = await ctx.service.escalateGate({ gateId: args.gate, actor: ctx.actor, reason: args.reason, to }, ctx.now);
    const whom = view.assignee ? view.assignee.name : 'the admins';
    return ephemeral(`Escalated gate #${view.id} (${view.blockName}) to ${whom}, now. The reason is on the escalation and in the audit log.`);
  },
});
