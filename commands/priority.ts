import { z } from 'zod';
import { runId, runOption } from './options';
import { ephemeral } from './reply';
import { defineCommand } from './types';

export const PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;

export const priorityCommand = defineCommand({
  name: 'priority',
  description: 'Set a run’s priority; its gates, pending and blockers follow',
  usage: 'priority <run> <critical|high|medium|low>',
  permission: 'run.create',
  options: [runOption, { name: 'level', description: 'critical, high, medium or low', type: 'string', required: true, choices: PRIORITIES }],
  schema: z.object({ run: runId, level: z.enum(PRIORITIES, { error: 'a priority is critical, high, medium or low' }) }),
  async handle(ctx, args) {
    const run = await ctx.service.setRunPriority({ runId: args.run, priority: args.level, actor: ctx.actor }, ctx.now);
    return ephemeral(`${run.name} (#${run.id}) is now ${args.level} priority; its open gates follow.`);
  },
});
