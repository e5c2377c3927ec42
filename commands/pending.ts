import { z } from 'zod';
import { buildGateCard } from '../src/cards';
import { cardReply, ephemeral } from './reply';
import { defineCommand } from './types';

export const pendingCommand = defineCommand({
  name: 'pending',
  description: 'The gates waiting on you',
  usage: 'pending',
  permission: 'read',
  options: [],
  schema: z.object({}),
  async handle(ctx) {
    const gates = await ctx.service.pendingFor(ctx.actor, ctx.now);
    if (gates.length === 0) return ephemeral('Nothing waits on you.');
    const lines = gates.map((g) => `#${g.id} ${g.blockName} (${g.runName} #${g.runId})`);
    if (gates.length === 1) return cardReply(buildGateCard(gates[0]!, { now: ctx.now, publicBaseUrl: ctx.publicBaseUrl }), true);
    return ephemeral(`${gates.length} gates wait on you:\n${lines.join('\n')}\nOpen one with \`/factory pending\` cards, or decide with \`/factory approve <gate>\`.`);
  },
});
