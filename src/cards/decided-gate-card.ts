import type { Card, CardAction, CardField, CardTone } from '../domain/card';
import type { GateView } from '../domain/views';
import { buildRunUrl, type CardContext } from './card-context';
import { describeDecision, isDeadlineDecision, isPersonDecision } from './describe-decision';
import { buildGateDetailsAction } from './gate-actions';
import { buildGateFooter, buildGateTitle, buildNextBlocksField, buildScoreField, describeAttempt } from './gate-facts';
import { buildConditionsSection, buildQuorumField } from './quorum-facts';
import { describeAge } from './relative-time';

function chooseTitleVerb(gate: GateView): string {
  if (gate.status === 'cancelled') return 'Cancelled';
  if (isDeadlineDecision(gate)) return gate.status === 'approved' ? 'Auto-approved' : 'Expired';
  if (gate.status === 'approved' && !isPersonDecision(gate)) return 'Ran on';
  if (gate.status === 'approved') return { approval: 'Approved', clarification: 'Answered', task: 'Done', budget: 'Budget raised' }[gate.kind];
  return gate.kind === 'task' ? 'Declined' : 'Rejected';
}

function chooseTone(gate: GateView): CardTone {
  if (gate.status === 'cancelled') return 'neutral';
  if (isDeadlineDecision(gate)) return 'warning';
  return gate.status === 'approved' ? 'success' : 'danger';
}

/**
 * The card a gate becomes once decided: no buttons (only the Details link), the decision in one
 * sentence (who, when, from where, why), and what it set going.
 */
export function buildDecidedGateCard(gate: GateView, ctx: CardContext): Card {
  const decision = describeDecision(gate, ctx.now);
  const fields: CardField[] = [];
  if (gate.decidedAt) fields.push({ label: 'Open for', value: describeAge(gate.openedAt, gate.decidedAt), inline: true });
  fields.push({ label: 'Attempt', value: describeAttempt(gate), inline: true });
  const score = buildScoreField(gate);
  if (score) fields.push(score);
  const quorum = gate.status === 'approved' || gate.status === 'rejected' ? buildQuorumField(gate) : null;
  if (quorum) fields.push(quorum);
  if (gate.status === 'approved' && gate.nextBlocks.length > 0) fields.push(buildNextBlocksField(gate, 'Started next'));
  const conditions = buildConditionsSection(gate);
  const details = buildGateDetailsAction(gate, ctx);
  const actions: CardAction[] = details ? [details] : [];
  const url = gate.runThreadUrl ?? buildRunUrl(ctx, gate.runId);
  return {
    kind: 'gate',
    title: buildGateTitle(chooseTitleVerb(gate), gate),
    summary: `${gate.blockName} (${gate.runName}): ${decision}`,
    tone: chooseTone(gate),
    ...(url ? { url } : {}),
    description: decision,
    fields,
    ...(conditions ? { sections: [conditions] } : {}),
    actions,
    footer: buildGateFooter(gate),
    timestamp: gate.decidedAt ?? gate.openedAt,
  };
}
