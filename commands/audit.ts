import { z } from 'zod';
import { buildAuditCard } from '../src/cards';
import { cardReply } from './reply';
import { runId, runOption } from './options';
import { defineCommand } from './types';

export const auditCommand = defineCommand({
  name: 'audit',
  description: 'Who decided what in a run, when and from where',
  usage: 'audit <run>',
  permission: 'read',
  options: [runOption],
  schema: z.object({ run: runId }),
  async handle(ctx, args) {
    const entries = await ctx.service.audit(args.run, 50);
    return cardReply(buildAuditCard(entries, { now: ctx.now, publicBaseUrl: ctx.publicBaseUrl }, { title: `Audit of run #${args.run}` }), true);
  },
});
