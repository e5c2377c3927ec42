import { z } from 'zod';
import { buildRunListCard, buildRunStatusCard } from '../src/cards';
import { cardReply } from './reply';
import { runId } from './options';
import { defineCommand } from './types';

export const statusCommand = defineCommand({
  name: 'status',
  description: 'Active runs, or one run in detail',
  usage: 'status [run]',
  permission: 'read',
  options: [{ name: 'run', description: 'Run number for the detailed view', type: 'string', required: false, autocomplete: 'run' }],
  schema: z.object({ run: runId.optional() }),
  async handle(ctx, args) {
    const card = { now: ctx.now, publicBaseUrl: ctx.publicBaseUrl };
    if (args.run) return cardReply(buildRunStatusCard(await ctx.service.getRun(args.run, ctx.now), card));
    const [runs, webhookProblems] = await Promise.all([ctx.service.listActiveRuns(ctx.now), ctx.service.webhookProblems()]);
    return cardReply(buildRunListCard(runs, card, { title: runs.length ? 'Active runs' : 'No active runs', webhookProblems }));
  },
});
