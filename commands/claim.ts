import { z } from 'zod';
import { ephemeral } from './reply';
import { gateId, gateOption } from './options';
import { defineCommand } from './types';

export const claimCommand = defineCommand({
  name: 'claim',
  description: 'Claim a gate ("I’m on it"): quiets the reminders aimed at everyone',
  usage: 'claim <gate>',
  permission: 'gate.claim',
  options: [gateOption],
  schema: z.object({ gate: gateId }),
  async handle(ctx, args) {
    const gate = await ctx.service.claimGate(args.gate, ctx.actor, ctx.now);
    return ephemeral(`You claimed gate #${gate.id} (${gate.blockName}). Reminders now come to you; decide when ready.`);
  },
});
