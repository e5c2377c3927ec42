import { describeDecision, describeQuorum } from '../src/cards';
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
  input: { gateId: string; decision: 'approve' | 'reject'; reason?: string; confirmed?: boolean; via: DecisionSource; conditions?: readonly string[] },
): Promise<Reply> {
  const result: DecideGateResult = await ctx.service.decideGate({ ...input, actor: ctx.actor }, ctx.now);
  const gate = result.gate;
  if (result.outcome === 'already-decided') {
    return ephemeral(`Gate #${gate.id} (${gate.blockName}) was already decided: ${describeDecision(gate, ctx.now)}. Nothing changed.`);
  }
  if (result.outcome === 'already-voted') {
    return ephemeral(`You already voted on gate #${gate.id} (${gate.blockName})${gate.quorum ? ` (${describeQuorum(gate.quorum)})` : ''}. Nothing changed.`);
  }
  if (result.outcome === 'voted') {
    return ephemeral(`Your approval of gate #${gate.id} (${gate.blockName}) is recorded${gate.quorum ? `: ${describeQuorum(gate.quorum)}` : ''}. It is decided once enough people approve.`);
  }
  if (input.decision === 'reject') {
    return ephemeral(`Rejected gate #${gate.id} (${gate.blockName}). ${gate.position === 'after' && gate.kind === 'approval' ? 'The block will be reworked with your reason.' : ''}`.trim());
  }
  const next = gate.nextBlocks.map((b) => b.name);
  const conditions = gate.conditions?.length ? ` on ${gate.conditions.length} condition${gate.conditions.length === 1 ? '' : 's'} (the next blocks get them)` : '';
  return ephemeral(`Approved gate #${gate.id} (${gate.blockName})${conditions}.${next.length ? ` Next: ${next.join(', ')}.` : ''}`);
}
