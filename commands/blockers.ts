import { z } from 'zod';
import { buildBlockersCard } from '../src/cards';
import { cardReply } from './reply';
import { defineCommand } from './types';

export const blockersCommand = defineCommand({
  name: 'blockers',
  description: 'Everything stuck, most urgent first',
  usage: 'blockers',
  permission: 'read',
  options: [],
  schema: z.object({}),
  async handle(ctx) {
    return cardReply(buildBlockersCard(await ctx.service.blockers(ctx.now), { now: ctx.now, publicBaseUrl: ctx.publicBaseUrl }));
  },
});
