import { describeDecision } from '../src/cards';
import type { Reply } from '../src/domain/card';
import type { DecisionSource } from '../src/domain/views';
import type { DecideGateResult } from '../src/runner/factory-service';
import { ephemeral } from './reply';
import type { CommandContext } from './types';

/**
 * Decides a gate and words the outcome for the person: what they did and what starts next, or, if
 * someone was faster, who decided and when. Both are ephemeral: the card itself shows everyone.
 */
export async function decideAndReply(
  ctx: Pick<CommandContext, 'service' | 'actor' | 'now'>,
  input: { gateId: string; decision: 'approve' | 'reject'; reason?: string; confirmed?: boolean; via: DecisionSource },
): Promise<Reply> {
  const result: DecideGateResult = await ctx.service.decideGate({ ...input, actor: ctx.actor }, ctx.now);
  const gate = result.gate;
  if (result.outcome === 'already-decided') {
    return ephemeral(`Gate #${gate.id} (${gate.blockName}) was already decided: ${describeDecision(gate, ctx.now)}. Nothing changed.`);
  }
  if (input.decision === 'reject') {
    return ephemeral(`Rejected gate #${gate.id} (${gate.blockName}). ${gate.position === 'after' && gate.kind === 'approval' ? 'The block will be reworked with your reason.' : ''}`.trim());
  }
  const next = gate.nextBlocks.map((b) => b.name);
  return ephemeral(`Approved gate #${gate.id} (${gate.blockName}).${next.length ? ` Next: ${next.join(', ')}.` : ''}`);
}
