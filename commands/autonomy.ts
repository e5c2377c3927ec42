import { z } from 'zod';
import { AUTONOMY_LEVELS } from '../src/domain/statuses';
import { ephemeral } from './reply';
import { runId, runOption } from './options';
import { defineCommand } from './types';

const WORDS = { gate: 'waits for a person', guided: 'runs on and posts an FYI card to flag', auto: 'runs on without asking' } as const;

export const autonomyCommand = defineCommand({
  name: 'autonomy',
  description: 'Set how a run’s gates behave: gate, guided or auto',
  usage: 'autonomy <run> <block|all> <gate|guided|auto>',
  permission: 'autonomy.set',
  options: [
    runOption,
    { name: 'block', description: 'Block id, or all', type: 'string', required: true, autocomplete: 'block' },
    { name: 'level', description: 'gate, guided or auto', type: 'string', required: true, choices: AUTONOMY_LEVELS },
  ],
  schema: z.object({
    run: runId,
    block: z.string({ error: 'name a block, or all' }).trim().min(1),
    level: z.enum(AUTONOMY_LEVELS, { error: 'the level is gate, guided or auto' }),
  }),
  async handle(ctx, args) {
    const target = args.block === 'all' ? '*' : args.block;
    const run = await ctx.service.setAutonomy(args.run, target, args.level, ctx.actor, ctx.now);
    const what = target === '*' ? 'every gate' : `the gate of ${args.block}`;
    return ephemeral(`In ${run.name} (#${run.id}), ${what} now ${WORDS[args.level]}. Gates already open stay as they are.`);
  },
});
