import type { Card, CardField } from '../domain/card';
import type { GateView } from '../domain/views';
import type { LadderAction } from '../schema/sla';
import { buildRunUrl, type CardContext } from './card-context';
import { buildDecisionActions } from './gate-actions';
import { buildGateCard } from './gate-card';
import { buildGateFooter, buildGateTitle, describeSla } from './gate-facts';
import { describeEscalation, LADDER_STEP_TITLES, LADDER_STEP_TONES } from './escalation-wording';
import { describeAge, describeDue, isOverdue, liveAgo } from './relative-time';
import { describePriority } from './status-symbols';

/** One ladder step that fired, as the escalation sweep hands it to the card (an SLA engine DueStep fits). */
export interface ReminderStep {
  action: LadderAction;
  /** The step's escalation level; defaults to the gate's recorded level. */
  level?: number;
  /** User ids, role ids or "@here" to mention with the message. */
  mentions?: readonly string[];
}

const WHAT_IT_NEEDS: Record<GateView['kind'], string> = {
  approval: 'a decision',
  clarification: 'an answer',
  task: 'a person to do it',
  budget: 'a decision on its budget',
};

function describeUrge(action: LadderAction, overdue: boolean): string {
  switch (action) {
    case 'notify':
    case 'remind':
      return 'A reminder: it is still open.';
    case 'mention':
      return 'Still open: can someone here take it?';
    case 'here':
    case 'warn':
      return overdue ? 'The SLA deadline has passed.' : 'The SLA deadline is close.';
    case 'escalate':
      return 'Escalated to admins: please decide or reassign it.';
    case 'page':
      return 'Still undecided well past the deadline: paging the owner.';
  }
}

function collectMentions(step: ReminderStep): string[] {
  const mentions = [...(step.mentions ?? [])];
  if (step.action === 'here' && !mentions.includes('@here')) mentions.push('@here');
  return mentions;
}

/**
 * A step of the SLA ladder: how long the gate has waited, how much SLA is left, who is being
 * called, and the decision buttons plus Snooze. A gate decided meanwhile gets its decided card.
 */
export function buildReminderCard(gate: GateView, step: ReminderStep, ctx: CardContext): Card {
  if (gate.status !== 'pending') return buildGateCard(gate, ctx);
  const { now } = ctx;
  const overdue = isOverdue(gate.deadlineAt, now);
  const age = describeAge(gate.openedAt, now);
  const tone = LADDER_STEP_TONES[step.action];
  const fields: CardField[] = [
    { label: 'Opened', value: liveAgo(gate.openedAt, now), inline: true },
    { label: 'SLA', value: describeSla(gate.deadlineAt, now), inline: true },
    { label: 'Escalation', value: describeEscalation(step.level ?? gate.escalationLevel, step.action), inline: true },
    { label: 'Priority', value: describePriority(gate.priority), inline: true },
    { label: 'Claimed', value: gate.claimedBy ? `Claimed by ${gate.claimedBy.name}` : 'nobody yet', inline: true },
  ];
  const mentions = collectMentions(step);
  const url = gate.runThreadUrl ?? buildRunUrl(ctx, gate.runId);
  return {
    kind: 'reminder',
    title: buildGateTitle(LADDER_STEP_TITLES[step.action], gate),
    summary: `${gate.blockName} (${gate.runName}) has waited ${age} for ${WHAT_IT_NEEDS[gate.kind]}, ${describeDue(gate.deadlineAt, now)}`,
    tone: overdue && tone === 'pending' ? 'warning' : tone,
    ...(url ? { url } : {}),
    description: `**${gate.blockName}** has waited ${age} for ${WHAT_IT_NEEDS[gate.kind]}. ${describeUrge(step.action, overdue)}`,
    fields,
    actions: buildDecisionActions(gate, ctx, { snooze: true }),
    footer: buildGateFooter(gate),
    timestamp: now,
    ...(mentions.length > 0 ? { mentions } : {}),
  };
}
