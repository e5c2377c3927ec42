import { buildApproveConfirmation, buildGateCard, buildRunStatusCard, parseActionId, reassignModal, type ParsedAction } from '../src/cards';
import { reassignTo } from './reassign';
import { describeBulkResult } from './approve-many';
import { REASON_MAX_LENGTH } from '../src/cards';
import type { ModalRequest, Reply } from '../src/domain/card';
import { decideAndReply } from './decide';
import { guard, type CommandInvocation, type DispatchDeps } from './dispatch';
import { cardReply, ephemeral } from './reply';
import type { CommandContext } from './types';

/** How long a Snooze on a reminder card holds the next step (never past the deadline). */
export const SNOOZE_MS = 60 * 60 * 1000;

/**
 * The form a click opens, decided from the action id alone, with no database work: Discord and
 * Slack both require the form within 3 seconds of the click, before anything slow.
 */
export function modalForAction(actionId: string): ModalRequest | null {
  const parsed = parseActionId(actionId);
  if (!parsed.ok || parsed.value.target !== 'gate' || parsed.value.step) return null;
  const { gateId, verb } = parsed.value;
  if (verb === 'reassign') return reassignModal(gateId);
  if (verb !== 'reject' && verb !== 'answer') return null;
  const reject = verb === 'reject';
  return {
    id: actionId,
    title: reject ? `Reject gate #${gateId}` : `Answer gate #${gateId}`,
    fields: [
      {
        id: 'reason',
        label: reject ? 'Reason' : 'Answer',
        placeholder: reject ? 'What must change?' : 'Your answer to the question',
        required: true,
        multiline: true,
        maxLength: REASON_MAX_LENGTH,
      },
    ],
  };
}

/** A button click. Reject and Answer open a form instead (see modalForAction). */
export async function handleAction(deps: DispatchDeps, call: CommandInvocation, actionId: string): Promise<Reply> {
  const parsed = parseActionId(actionId);
  if (!parsed.ok) return ephemeral('That button is not one this bot knows; the card may be from an older version.');
  const ctx = contextFor(deps, call);
  return guard(deps, `action:${parsed.value.verb}`, call, () => dispatchAction(ctx, parsed.value));
}

/** A submitted form (the reason for a rejection, the answer to a question). */
export async function handleModalSubmit(deps: DispatchDeps, call: CommandInvocation, modalId: string, values: Record<string, string>): Promise<Reply> {
  const parsed = parseActionId(modalId);
  if (!parsed.ok || parsed.value.target !== 'gate') return ephemeral('That form is not one this bot knows.');
  const { gateId, verb } = parsed.value;
  const text = (values.reason ?? '').trim();
  // Enforced here for every platform: a client's own max length is a hint, not a guarantee.
  const problem = validateModal(values, verb === 'answer' ? 'answer' : 'reason')?.reason;
  if (problem) return ephemeral(problem);
  const ctx = contextFor(deps, call);
  if (verb === 'reject') return guard(deps, 'modal:reject', call, () => decideAndReply(ctx, { gateId, decision: 'reject', reason: text, confirmed: true, via: 'modal' }));
  if (verb === 'answer') return guard(deps, 'modal:answer', call, () => decideAndReply(ctx, { gateId, decision: 'approve', reason: text, confirmed: true, via: 'modal' }));
  if (verb === 'reassign') return guard(deps, 'modal:reassign', call, () => reassignTo(ctx, gateId, text, undefined, 'modal'));
  return ephemeral('That form is not one this bot knows.');
}

/** Validates a form before it closes (Slack shows these as field errors). Null when it is fine. */
export function validateModal(values: Record<string, string>, what: 'reason' | 'answer' = 'reason'): Record<string, string> | null {
  const text = (values.reason ?? '').trim();
  if (text.length < 3) return { reason: what === 'answer' ? 'Please write at least a few words: the block uses your answer.' : 'Please write at least a few words: the block is reworked with them.' };
  if (text.length > REASON_MAX_LENGTH) return { reason: `At most ${REASON_MAX_LENGTH} characters (this has ${text.length}); shorten it and send again.` };
  return null;
}

function contextFor(deps: DispatchDeps, call: CommandInvocation): CommandContext {
  return { ...call, service: deps.service, publicBaseUrl: deps.publicBaseUrl, commands: deps.commands };
}

async function dispatchAction(ctx: CommandContext, action: ParsedAction): Promise<Reply> {
  const cardCtx = { now: ctx.now, publicBaseUrl: ctx.publicBaseUrl };
  if (action.target === 'gate') {
    const { gateId, verb, step } = action;
    switch (verb) {
      case 'approve': {
        if (step === 'dismiss') return ephemeral('Not approved. The gate is still waiting.');
        if (step !== 'confirm') {
          const gate = await ctx.service.getGate(gateId, ctx.now);
          if (gate.confirm && gate.status === 'pending') return cardReply(buildApproveConfirmation(gate, cardCtx), true);
        }
        return decideAndReply(ctx, { gateId, decision: 'approve', confirmed: true, via: 'button' });
      }
      case 'claim': {
        const gate = await ctx.service.claimGate(gateId, ctx.actor, ctx.now);
        return ephemeral(`You claimed gate #${gate.id} (${gate.blockName}). Reminders now come to you.`);
      }
      case 'snooze': {
        const gate = await ctx.service.snoozeGate(gateId, ctx.actor, SNOOZE_MS, ctx.now);
        return ephemeral(`Snoozed reminders for gate #${gate.id} for an hour (never past its deadline).`);
      }
      case 'flag': {
        const gate = await ctx.service.flagGate(gateId, ctx.actor, ctx.now);
        return ephemeral(`Flagged ${gate.blockName} for review; reviewers are told in the tasks channel.`);
      }
      case 'details':
        return cardReply(buildGateCard(await ctx.service.getGate(gateId, ctx.now), cardCtx), true);
      case 'reassign':
        // Normally a form; without one say how to do it by command.
        return ephemeral(`Reassign with \`/factory reassign ${gateId} @person\`.`);
      case 'reject':
      case 'answer':
        // Normally a form; without one (a client that cannot show forms) say how to do it by command.
        return ephemeral(verb === 'reject' ? `Reject with \`/factory reject ${gateId} <reason>\`.` : `Answer with \`/factory approve ${gateId} <answer>\`.`);
    }
  }
  if (action.target === 'run') {
    const { runId, verb, step } = action;
    if (verb === 'cancel') {
      if (step === 'dismiss') return ephemeral('Kept running.');
      if (step !== 'confirm') return ephemeral(`Cancel with \`/factory cancel ${runId}\`, then confirm.`);
      const run = await ctx.service.cancelRun(runId, ctx.actor, `cancelled by ${ctx.actor.name}`, ctx.now);
      return ephemeral(`Cancelled ${run.name} (#${run.id}).`);
    }
    return cardReply(buildRunStatusCard(await ctx.service.getRun(runId, ctx.now), cardCtx), true);
  }
  if (action.target === 'bulk') {
    if (action.step !== 'confirm') return ephemeral('Nothing approved. The gates are still waiting.');
    return ephemeral(describeBulkResult(await ctx.service.confirmBulkApproval({ actor: ctx.actor, bulkId: action.bulkId }, ctx.now)));
  }
  const run = await ctx.service.retryBlock(action.runId, action.blockId, ctx.actor, ctx.now);
  return ephemeral(`Retrying ${action.blockId} in ${run.name} (#${run.id}).`);
}
