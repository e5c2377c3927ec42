import { z } from 'zod';
import { ephemeral } from './reply';
import { runId, runOption } from './options';
import { defineCommand } from './types';

export const retryCommand = defineCommand({
  name: 'retry',
  description: 'Run a failed block again',
  usage: 'retry <run> <block>',
  permission: 'block.retry',
  options: [runOption, { name: 'block', description: 'Block id, e.g. gap-analyzer', type: 'string', required: true, autocomplete: 'block' }],
  schema: z.object({ run: runId, block: z.string({ error: 'name the block to retry' }).trim().min(1, 'name the block to retry') }),
  async handle(ctx, args) {
    const run = await ctx.service.retryBlock(args.run, args.block, ctx.actor, ctx.now);
    return ephemeral(`Retrying ${args.block} in ${run.name} (#${run.id}).`);
  },
});
