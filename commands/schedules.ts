import { z } from 'zod';
import { buildSchedulesCard } from '../src/cards';
import { cardReply, ephemeral } from './reply';
import { defineCommand } from './types';

export const schedulesCommand = defineCommand({
  name: 'schedules',
  description: 'Scheduled runs with their next fire time; pause or resume one',
  usage: 'schedules [pause|resume <template>]',
  permission: 'read',
  options: [
    { name: 'action', description: 'pause or resume', type: 'string', required: false, choices: ['pause', 'resume'] },
    { name: 'template', description: 'Template id of the schedule', type: 'string', required: false, autocomplete: 'template' },
  ],
  schema: z
    .object({ action: z.enum(['pause', 'resume'], { error: 'the action is pause or resume' }).optional(), template: z.string().trim().optional() })
    .refine((a) => !a.action || a.template, { message: 'name the template whose schedule to pause or resume', path: ['template'] }),
  async handle(ctx, args) {
    if (args.action && args.template) {
      const schedule = await ctx.service.setSchedulePaused(args.template, args.action === 'pause', ctx.actor, ctx.now);
      return ephemeral(`The schedule of ${schedule.templateId} is ${schedule.paused ? 'paused' : 'running again'}.`);
    }
    return cardReply(buildSchedulesCard(await ctx.service.listSchedules(ctx.now), { now: ctx.now, publicBaseUrl: ctx.publicBaseUrl }), true);
  },
});
