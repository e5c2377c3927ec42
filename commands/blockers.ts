import { z } from 'zod';
import { buildBlockersCard } from '../src/cards';
import { cardReply } from './reply';
import { publicOption, takePublicWord } from './options';
import { defineCommand } from './types';

export const blockersCommand = defineCommand({
  name: 'blockers',
  description: 'Everything stuck, most urgent first',
  usage: 'blockers [public]',
  permission: 'read',
  options: [publicOption],
  schema: z.object({ public: z.boolean().default(false) }),
  parseText: (tokens) => ({ public: takePublicWord(tokens).isPublic }),
  async handle(ctx, args) {
    return cardReply(buildBlockersCard(await ctx.service.blockers(ctx.now), { now: ctx.now, publicBaseUrl: ctx.publicBaseUrl }), !args.public);
  },
});
