import type { Card, CardSection, CardTone } from '../domain/card';
import type { GateView } from '../domain/views';
import { buildArtifactSections } from './artifact-sections';
import { buildRunUrl, type CardContext } from './card-context';
import { buildDecidedGateCard } from './decided-gate-card';
import { buildDecisionActions } from './gate-actions';
import { buildGateFooter, buildGateTitle, buildPendingGateFields } from './gate-facts';
import { buildGuidedGateCard } from './guided-gate-card';
import { describeDue, isOverdue } from './relative-time';

const TITLE_VERBS: Record<GateView['kind'], (position: GateView['position']) => string> = {
  approval: (position) => (position === 'before' ? 'Approve start' : 'Approve'),
  clarification: () => 'Question',
  task: () => 'Task',
  budget: () => 'Budget',
};


function describeAsk(gate: GateView): string {
  const name = `**${gate.blockName}**${gate.layer ? ` (${gate.layer})` : ''}`;
  if (gate.kind === 'clarification') return `${name} needs an answer before it can go on.`;
  if (gate.kind === 'task') return `${name} is a task for a person. Mark it done when it is finished.`;
  if (gate.kind === 'budget') return gate.question ?? `${name} would pass its budget.`;
  if (gate.position === 'before') return `${name} is ready to start and needs approval first.`;
  const attempt = gate.attempt > 1 ? ` attempt ${gate.attempt}` : '';
  return `${name} finished${attempt} and waits for your review before the run goes on.`;
}

const SUMMARY_WAITS: Record<GateView['kind'], string> = {
  approval: 'waits for approval',
  clarification: 'asks a question',
  task: 'waits for a person to do it',
  budget: 'would pass its budget',
};

function chooseTone(gate: GateView, now: Date): CardTone {
  if (!isOverdue(gate.deadlineAt, now)) return 'pending';
  return gate.priority === 'critical' ? 'danger' : 'warning';
}

/** The card for a pending gate: what the block produced, what approving starts, when it is due. */
export function buildPendingGateCard(gate: GateView, ctx: CardContext): Card {
  const sections: CardSection[] = [];
  if (gate.kind === 'clarification' && gate.question) sections.push({ title: gate.target ? `Question for ${gate.target}` : 'Question', text: gate.question });
  sections.push(...buildArtifactSections(gate, ctx));
  const url = gate.runThreadUrl ?? buildRunUrl(ctx, gate.runId);
  return {
    kind: 'gate',
    title: buildGateTitle(TITLE_VERBS[gate.kind](gate.position), gate),
    summary: `${gate.blockName} (${gate.runName}) ${SUMMARY_WAITS[gate.kind]}, ${describeDue(gate.deadlineAt, ctx.now)}`,
    tone: chooseTone(gate, ctx.now),
    ...(url ? { url } : {}),
    description: describeAsk(gate),
    fields: buildPendingGateFields(gate, ctx.now),
    sections,
    actions: buildDecisionActions(gate, ctx),
    footer: buildGateFooter(gate),
    timestamp: gate.openedAt,
  };
}

/**
 * The one card for a gate in any state, so every copy of it can be updated with the same call:
 * pending (buttons), guided (an FYI with "Flag for review"), or decided (no buttons, who and when).
 */
export function buildGateCard(gate: GateView, ctx: CardContext): Card {
  if (gate.mode === 'guided' && (gate.status === 'pending' || gate.status === 'approved')) {
    return buildGuidedGateCard(gate, ctx);
  }
  if (gate.status !== 'pending') return buildDecidedGateCard(gate, ctx);
  return buildPendingGateCard(gate, ctx);
}
