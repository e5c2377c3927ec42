import { z } from 'zod';
import { buildHelpCard } from '../src/cards';
import { cardReply } from './reply';
import { defineCommand } from './types';

export const helpCommand = defineCommand({
  name: 'help',
  description: 'What the bot can do',
  usage: 'help',
  permission: 'read',
  options: [],
  schema: z.object({}),
  async handle(ctx) {
    const entries = ctx.commands.map((c) => ({ name: c.name, usage: `/factory ${c.usage}`, description: c.description }));
    return cardReply(buildHelpCard(entries, { footer: 'Buttons on each card do the same as these commands.' }), true);
  },
});
