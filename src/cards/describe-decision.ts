import type { DecisionSource, GateView } from '../domain/views';
import { liveClock } from './relative-time';
import { describePlatform, truncateText } from './text-format';

/** Sources where a person made the decision; the others (deadline, autonomy, system) never name one. */
const PERSON_SOURCES: ReadonlySet<DecisionSource> = new Set(['button', 'modal', 'command', 'api']);

/** Reasons shown inline on a decided card; the full text stays in the audit log. */
export const DECISION_REASON_CHARS = 500;

type DecisionGate = Pick<GateView, 'status' | 'kind' | 'mode' | 'decidedAt' | 'decidedBy' | 'decidedVia' | 'reason'>;

/** True when a person made this decision (not the deadline, the autonomy dial or the system). */
export function isPersonDecision(gate: Pick<GateView, 'decidedBy' | 'decidedVia'>): boolean {
  return gate.decidedBy !== null && (gate.decidedVia === null || PERSON_SOURCES.has(gate.decidedVia));
}

/** True when the deadline decided: an expired gate, or a decision recorded by the deadline. */
export function isDeadlineDecision(gate: Pick<GateView, 'status' | 'decidedVia'>): boolean {
  return gate.status === 'expired' || gate.decidedVia === 'deadline';
}

const PERSON_VERBS: Record<GateView['kind'], { approved: string; rejected: string }> = {
  approval: { approved: 'Approved', rejected: 'Rejected' },
  clarification: { approved: 'Answered', rejected: 'Rejected' },
  task: { approved: 'Marked done', rejected: 'Declined' },
  budget: { approved: 'Budget raised', rejected: 'Stopped' },
};

/**
 * One sentence saying who decided what, when and from where: "Approved by Ana at 14:02 UTC from
 * Slack", "Rejected by Ana at 14:02 UTC from Discord: <reason>". A deadline or automatic decision
 * says so and that no person approved; it is never worded as a person's approval.
 */
export function describeDecision(gate: DecisionGate, now: Date): string {
  const clock = gate.decidedAt ? liveClock(gate.decidedAt, now) : null;
  const at = clock ? ` at ${clock}` : '';
  const reason = gate.reason?.trim() ? truncateText(gate.reason.trim(), DECISION_REASON_CHARS) : null;
  const withReason = (text: string): string => (reason ? `${text}: ${reason}` : text);

  if (gate.status === 'pending') return 'Waiting for a decision';
  if (gate.status === 'cancelled') return reason ? `Cancelled${at}: ${reason}` : `Cancelled${at} (no decision needed any more)`;
  if (isDeadlineDecision(gate)) {
    const when = clock ? ` (${clock})` : '';
    return gate.status === 'approved'
      ? `Approved automatically at the deadline${when}: the template allows it (no person approved)`
      : `Expired at the deadline${when} — rejected automatically (no person approved)`;
  }
  if (gate.status === 'approved' && gate.decidedVia === 'autonomy') {
    return `Ran on automatically${at} (autonomy: ${gate.mode}; no person approved)`;
  }
  const verb = PERSON_VERBS[gate.kind][gate.status === 'approved' ? 'approved' : 'rejected'];
  if (isPersonDecision(gate) && gate.decidedBy) {
    return withReason(`${verb} by ${gate.decidedBy.name}${at} from ${describePlatform(gate.decidedBy.platform)}`);
  }
  const automatic = gate.status === 'approved' ? ' (no person approved)' : '';
  return withReason(`${verb} by Process Factory${at}${automatic}`);
}
