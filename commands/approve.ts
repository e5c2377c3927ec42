import { z } from 'zod';
import { gateId, gateOption } from './options';
import { decideAndReply } from './decide';
import { defineCommand } from './types';

export const approveCommand = defineCommand({
  name: 'approve',
  description: 'Approve a gate (optionally with a note)',
  usage: 'approve <gate> [note]',
  permission: 'gate.decide',
  options: [gateOption, { name: 'note', description: 'A note for the audit log', type: 'string', required: false, rest: true, maxLength: 3000 }],
  schema: z.object({ gate: gateId, note: z.string().trim().max(3000).optional() }),
  handle: (ctx, args) =>
    // Typing the command is itself the deliberate step, so no extra confirmation is asked.
    decideAndReply(ctx, { gateId: args.gate, decision: 'approve', reason: args.note || undefined, confirmed: true, via: 'command' }),
});
