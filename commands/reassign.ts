import { z } from 'zod';
import type { Reply } from '../src/domain/card';
import type { DecisionSource } from '../src/domain/views';
import { gateId, gateOption } from './options';
import { personOption, requirePerson } from './person';
import { ephemeral } from './reply';
import { defineCommand, type CommandContext } from './types';

const USAGE = 'reassign <gate> @person [reason]';

/** Hands a gate to the person named in `who`; shared by the command and the card's Reassign form. */
export async function reassignTo(ctx: Pick<CommandContext, 'service' | 'actor' | 'now'>, gate: string, who: string, reason: string | undefined, via: DecisionSource): Promise<Reply> {
  const assignee = requirePerson(who, ctx.actor, USAGE);
  const view = await ctx.service.reassignGate({ gateId: gate, assignee, actor: ctx.actor, reason: reason ?? null, via }, ctx.now);
  const to = view.assignee?.name ?? assignee.name;
  const forWhom = to !== assignee.name ? ` (${assignee.name} is away; ${to} stands in)` : '';
  return ephemeral(`Gate #${view.id} (${view.blockName}) is now ${to}’s${forWhom}. Reminders and DMs go to them.`);
}

export const reassignCommand = defineCommand({
  name: 'reassign',
  description: 'Hand a gate to someone: reminders and DMs follow them',
  usage: USAGE,
  permission: 'gate.claim',
  options: [gateOption, personOption('person', 'Who takes it (@mention)', true), { name: 'reason', description: 'Why, for the audit log', type: 'string', required: false, rest: true, maxLength: 500 }],
  schema: z.object({
    gate: gateId,
    person: z.string({ error: 'name who takes it: @person' }).trim().min(1, 'name who takes it: @person'),
    reason: z.string().trim().max(500).optional(),
  }),
  handle: (ctx, args) => reassignTo(ctx, args.gate, args.person, args.reason || undefined, 'command'),
});
