import type { Card } from '../domain/card';
import type { GateView } from '../domain/views';
import { bulkActionId } from './action-ids';
import type { CardContext } from './card-context';
import { buildConfirmationCard } from './confirmation-card';
import { describeDue } from './relative-time';
import { describePriority } from './status-symbols';
import { truncateText } from './text-format';

export interface BulkApprovalRequest {
  id: string;
  gates: readonly GateView[];
  skipped: ReadonlyArray<{ gateId: string; why: string }>;
  note: string | null;
}

/** One gate as a line of the list: "#12 Draft (demo #3) · High · due in 2h · 1 of 2: approved by ana". */
function gateLine(gate: GateView, now: Date): string {
  const quorum = gate.quorum ? ` · ${gate.quorum.approvals.length} of ${gate.quorum.required} approvals` : '';
  return `• #${gate.id} **${gate.blockName}** (${gate.runName}) · ${describePriority(gate.priority)} · ${describeDue(gate.deadlineAt, now)}${quorum}`;
}

/**
 * "Approve 3 gates?": every gate the click would approve, what was left out and why, and the
 * Confirm / Not now buttons (`bulk:<id>:approve:confirm`, the list itself stays in the database).
 */
export function buildBulkApprovalConfirmation(request: BulkApprovalRequest, ctx: CardContext): Card {
  const n = request.gates.length;
  const lines = request.gates.map((g) => gateLine(g, ctx.now));
  const skipped = request.skipped.length > 0 ? `\nLeft out: ${request.skipped.map((s) => `#${s.gateId} (${s.why})`).join('; ')}.` : '';
  const note = request.note ? `\nNote for each: ${truncateText(request.note, 300)}` : '';
  const card = buildConfirmationCard({
    title: `Approve ${n} gate${n === 1 ? '' : 's'}?`,
    question: `${lines.join('\n')}${skipped}${note}\nEach approval is recorded on its own, with your name.`,
    confirmId: bulkActionId(request.id, 'approve', 'confirm'),
    dismissId: bulkActionId(request.id, 'approve', 'dismiss'),
    confirmLabel: `Approve ${n}`,
    dismissLabel: 'Not now',
    tone: 'pending',
  });
  return { ...card, summary: `Approve ${n} gate${n === 1 ? '' : 's'}: ${request.gates.map((g) => `#${g.id}`).join(', ')}` };
}
