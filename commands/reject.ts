import { z } from 'zod';
import { gateId, gateOption } from './options';
import { decideAndReply } from './decide';
import { defineCommand } from './types';

export const rejectCommand = defineCommand({
  name: 'reject',
  description: 'Reject a gate with the reason (the block is reworked with it)',
  usage: 'reject <gate> <reason>',
  permission: 'gate.decide',
  options: [gateOption, { name: 'reason', description: 'What must change', type: 'string', required: true, rest: true, maxLength: 3000 }],
  schema: z.object({
    gate: gateId,
    reason: z.string({ error: 'say why: the reason goes to the block’s rework' }).trim().min(3, 'say why in a few words: the reason goes to the block’s rework').max(3000),
  }),
  handle: (ctx, args) => decideAndReply(ctx, { gateId: args.gate, decision: 'reject', reason: args.reason, confirmed: true, via: 'command' }),
});
