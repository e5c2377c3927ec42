import { z } from 'zod';
import { buildTemplatesCard } from '../src/cards';
import { cardReply } from './reply';
import { defineCommand } from './types';

export const templatesCommand = defineCommand({
  name: 'templates',
  description: 'The pipelines you can run',
  usage: 'templates',
  permission: 'read',
  options: [],
  schema: z.object({}),
  async handle(ctx) {
    return cardReply(buildTemplatesCard(await ctx.service.listTemplates()), true);
  },
});
