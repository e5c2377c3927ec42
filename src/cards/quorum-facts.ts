import type { CardField, CardSection } from '../domain/card';
import type { GateView, QuorumView } from '../domain/views';
import { truncateText } from './text-format';

/** "1 of 2: approved by ana" · "2 of 3: approved by ana (legal), bo; needs 1 more from eng". Pure. */
export function describeQuorum(quorum: QuorumView): string {
  const given = quorum.approvals.length;
  const shown = Math.min(given, quorum.required);
  const names = quorum.approvals.map((a) => (a.group ? `${a.name} (${a.group})` : a.name));
  const head = given === 0 ? `0 of ${quorum.required}: no approvals yet` : `${shown} of ${quorum.required}: approved by ${names.join(', ')}`;
  const missing = quorum.missing.map((m) => `${m.need} more from ${m.group}`);
  return missing.length > 0 ? `${head}; needs ${missing.join(' and ')}` : head;
}

/** The "Approvals" field of a quorum gate (pending or decided); null for a one-approval gate. */
export function buildQuorumField(gate: Pick<GateView, 'quorum'>): CardField | null {
  return gate.quorum ? { label: 'Approvals', value: describeQuorum(gate.quorum), inline: false } : null;
}

/** Who the gate was handed to, as a field; null when nobody was. */
export function buildAssigneeField(gate: Pick<GateView, 'assignee'>): CardField | null {
  return gate.assignee ? { label: 'Assigned to', value: gate.assignee.name, inline: true } : null;
}

/** The conditions an approval carried, one per line, for the decided card. */
export function buildConditionsSection(gate: Pick<GateView, 'conditions' | 'status'>): CardSection | null {
  const conditions = gate.conditions ?? [];
  if (gate.status !== 'approved' || conditions.length === 0) return null;
  return { title: 'Approved on conditions', text: conditions.map((c) => `• ${truncateText(c, 300)}`).join('\n') };
}
