import { z } from 'zod';
import { buildCancelRunConfirmation } from '../src/cards';
import { cardReply } from './reply';
import { runId, runOption } from './options';
import { defineCommand } from './types';

export const cancelCommand = defineCommand({
  name: 'cancel',
  description: 'Cancel a run (asks for confirmation first)',
  usage: 'cancel <run>',
  permission: 'run.cancel',
  options: [runOption],
  schema: z.object({ run: runId }),
  async handle(ctx, args) {
    // Destructive: show what would stop and let the person confirm with a button.
    const run = await ctx.service.getRun(args.run, ctx.now);
    return cardReply(buildCancelRunConfirmation(run, { now: ctx.now, publicBaseUrl: ctx.publicBaseUrl }), true);
  },
});
