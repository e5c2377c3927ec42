import { z } from 'zod';
import { buildBulkApprovalConfirmation } from '../src/cards';
import { UserError } from '../src/domain/errors';
import { conditionsText, gateSelectorText, parseApproveText } from './approve-many';
import { decideAndReply } from './decide';
import { cardReply } from './reply';
import { defineCommand } from './types';

export const approveCommand = defineCommand({
  name: 'approve',
  description: 'Approve a gate (a note, conditions), or several at once',
  usage: 'approve <gate ...|run=N> [note] [if: cond; cond]',
  permission: 'gate.decide',
  options: [
    { name: 'gate', description: 'Gate number, several (12 13), or run=12', type: 'string', required: true, autocomplete: 'gate', maxLength: 400 },
    { name: 'note', description: 'A note for the audit log', type: 'string', required: false, rest: true, maxLength: 3000 },
    { name: 'conditions', description: 'Approve on conditions, separated by ";"', type: 'string', required: false, maxLength: 3000 },
  ],
  schema: z.object({ gate: gateSelectorText, note: z.string().trim().max(3000).optional(), conditions: conditionsText }),
  parseText: parseApproveText,
  async handle(ctx, args) {
    const { gateIds, runId } = args.gate;
    if (gateIds.length === 1 && !runId) {
      // Typing the command is itself the deliberate step, so no extra confirmation is asked.
      return decideAndReply(ctx, { gateId: gateIds[0]!, decision: 'approve', reason: args.note || undefined, confirmed: true, conditions: args.conditions, via: 'command' });
    }
    if (args.conditions.length > 0) throw new UserError('invalid_arguments', 'Conditions go on one gate at a time: `/factory approve <gate> if: <condition>; <condition>`.');
    // Bulk: show what would be approved and let the person confirm with a button.
    const preview = await ctx.service.prepareBulkApproval({ actor: ctx.actor, selector: { gateIds, runId }, note: args.note || null }, ctx.now);
    return cardReply(buildBulkApprovalConfirmation(preview, { now: ctx.now, publicBaseUrl: ctx.publicBaseUrl }), true);
  },
});
