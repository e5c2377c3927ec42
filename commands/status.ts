import { z } from 'zod';
import { buildRunListCard, buildRunStatusCard } from '../src/cards';
import { cardReply } from './reply';
import { publicOption, runId, takePublicWord } from './options';
import { defineCommand } from './types';

export const statusCommand = defineCommand({
  name: 'status',
  description: 'Active runs, or one run in detail',
  usage: 'status [run] [public]',
  permission: 'read',
  options: [{ name: 'run', description: 'Run number for the detailed view', type: 'string', required: false, autocomplete: 'run' }, publicOption],
  schema: z.object({ run: runId.optional(), public: z.boolean().default(false) }),
  parseText(tokens) {
    const { rest, isPublic } = takePublicWord(tokens);
    return { run: rest[0], public: isPublic };
  },
  async handle(ctx, args) {
    const card = { now: ctx.now, publicBaseUrl: ctx.publicBaseUrl };
    // Only the asker sees it unless they share it: a status check should not fill the channel.
    const onlyMe = !args.public;
    if (args.run) return cardReply(buildRunStatusCard(await ctx.service.getRun(args.run, ctx.now), card), onlyMe);
    const [runs, webhookProblems] = await Promise.all([ctx.service.listActiveRuns(ctx.now), ctx.service.webhookProblems()]);
    return cardReply(buildRunListCard(runs, card, { title: runs.length ? 'Active runs' : 'No active runs', webhookProblems }), onlyMe);
  },
});
