import type { CardField } from '../domain/card';
import type { GateView } from '../domain/views';
import { describeEscalation } from './escalation-wording';
import { buildAssigneeField, buildQuorumField } from './quorum-facts';
import { liveAgo, liveDue } from './relative-time';
import { describePriority } from './status-symbols';
import { capitalize, listNames } from './text-format';

const isRatio = (v: number): boolean => v >= 0 && v <= 1;

/** 0.91 -> "91%" when the metric is a ratio, else the number with at most two decimals. */
export function formatMetric(value: number, ratio: boolean): string {
  return ratio ? `${Math.round(value * 1000) / 10}%` : String(Math.round(value * 100) / 100);
}

/** The score against its threshold: "91% (minimum 85%) ✓", "78%: below the minimum 85% ✗". */
export function buildScoreField(gate: Pick<GateView, 'metrics' | 'threshold'>): CardField | null {
  const t = gate.threshold;
  if (!t) {
    const score = gate.metrics['score'];
    return score === undefined ? null : { label: 'Score', value: formatMetric(score, isRatio(score)), inline: true };
  }
  const value = gate.metrics[t.metric];
  const ratio = isRatio(t.min) && (value === undefined || isRatio(value));
  const min = formatMetric(t.min, ratio);
  if (value === undefined) return { label: capitalize(t.metric), value: `not reported (minimum ${min})`, inline: true };
  const shown = formatMetric(value, ratio);
  const text = value >= t.min ? `${shown} (minimum ${min}) ✓` : `${shown}: below the minimum ${min} ✗`;
  return { label: capitalize(t.metric), value: text, inline: true };
}

/** Metrics other than the threshold's (and other than "score" when no threshold): "tests 27 · coverage 80%". */
export function buildOtherMetricsField(gate: Pick<GateView, 'metrics' | 'threshold'>): CardField | null {
  const main = gate.threshold?.metric ?? 'score';
  const rest = Object.entries(gate.metrics).filter(([k]) => k !== main);
  if (rest.length === 0) return null;
  const value = rest.map(([k, v]) => `${k} ${formatMetric(v, !Number.isInteger(v) && isRatio(v))}`).join(' · ');
  return { label: 'Metrics', value, inline: false };
}

/** "2 (rework 1 of 3)". */
export function describeAttempt(gate: Pick<GateView, 'attempt' | 'reworks' | 'maxReworks'>): string {
  return gate.reworks > 0 ? `${gate.attempt} (rework ${gate.reworks} of ${gate.maxReworks})` : String(gate.attempt);
}

/** "due in 3h 20m (17:22 UTC)", "overdue, was due 40m ago", "no deadline": live time on the platforms. */
export function describeSla(deadlineAt: Date | null, now: Date): string {
  return liveDue(deadlineAt, now);
}

/** The facts a reviewer weighs on a pending gate, as card fields. */
export function buildPendingGateFields(gate: GateView, now: Date): CardField[] {
  const fields: CardField[] = [
    { label: 'Priority', value: describePriority(gate.priority), inline: true },
    { label: 'SLA', value: describeSla(gate.deadlineAt, now), inline: true },
    { label: 'Opened', value: liveAgo(gate.openedAt, now), inline: true },
  ];
  if (gate.escalationLevel > 0) {
    fields.push({ label: 'Escalation', value: describeEscalation(gate.escalationLevel, gate.escalationStep), inline: true });
  }
  fields.push({ label: 'Attempt', value: describeAttempt(gate), inline: true });
  const quorum = buildQuorumField(gate);
  if (quorum) fields.push(quorum);
  const score = buildScoreField(gate);
  if (score) fields.push(score);
  const metrics = buildOtherMetricsField(gate);
  if (metrics) fields.push(metrics);
  fields.push(buildNextBlocksField(gate, 'Approving starts'));
  fields.push({ label: 'Claimed', value: gate.claimedBy ? `Claimed by ${gate.claimedBy.name}` : 'nobody yet', inline: true });
  const assignee = buildAssigneeField(gate);
  if (assignee) fields.push(assignee);
  return fields;
}

/** What approving sets going: "Rubric builder, Demo compiler". */
export function buildNextBlocksField(gate: Pick<GateView, 'nextBlocks'>, label: string): CardField {
  const names = gate.nextBlocks.map((b) => b.name);
  return { label, value: names.length > 0 ? listNames(names, 4) : 'no further blocks', inline: false };
}

/** "Approve: Expert framework (clone-factory #12)". */
export function buildGateTitle(verb: string, gate: Pick<GateView, 'blockName' | 'runName'>): string {
  return `${verb}: ${gate.blockName} (${gate.runName})`;
}

/** "Clone factory · gate g-1" (the card's timestamp says when). */
export function buildGateFooter(gate: Pick<GateView, 'templateName' | 'id'>): string {
  return `${gate.templateName} · gate ${gate.id}`;
}
