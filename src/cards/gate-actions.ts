import type { CardAction } from '../domain/card';
import type { GateView } from '../domain/views';
import { gateActionId } from './action-ids';
import { buildGateUrl, type CardContext } from './card-context';

/** The Details link (only with a public base URL). */
export function buildGateDetailsAction(gate: Pick<GateView, 'id' | 'runId'>, ctx: CardContext): CardAction | null {
  const url = buildGateUrl(ctx, gate.runId, gate.id);
  return url ? { id: gateActionId(gate.id, 'details'), label: 'Details', style: 'link', url } : null;
}

/**
 * The buttons of a pending gate, by kind: approval (Approve, Reject, Claim), clarification
 * (Answer, Reject) or task (Mark done, Can't do, Claim), each with Reassign (a form asks to whom). Task buttons reuse the approve and reject
 * verbs: the handler loads the gate and knows its kind. Claim is left out once someone claimed it.
 */
export function buildDecisionActions(gate: GateView, ctx: CardContext, extra: { snooze?: boolean } = {}): CardAction[] {
  const id = gate.id;
  const actions: CardAction[] = [];
  if (gate.kind === 'clarification') {
    actions.push({ id: gateActionId(id, 'answer'), label: 'Answer', style: 'primary' });
    actions.push({ id: gateActionId(id, 'reject'), label: 'Reject', style: 'danger' });
  } else {
    const task = gate.kind === 'task';
    actions.push({ id: gateActionId(id, 'approve'), label: task ? 'Mark done' : 'Approve', style: 'primary' });
    actions.push({ id: gateActionId(id, 'reject'), label: task ? "Can't do" : 'Reject', style: 'danger' });
    if (!gate.claimedBy) actions.push({ id: gateActionId(id, 'claim'), label: 'Claim', style: 'secondary' });
  }
  if (extra.snooze) actions.push({ id: gateActionId(id, 'snooze'), label: 'Snooze', style: 'secondary' });
  const details = buildGateDetailsAction(gate, ctx);
  if (details) actions.push(details);
  // Last, so the buttons people use most keep their places (and their numbers on the console).
  if (gate.kind !== 'clarification') actions.push({ id: gateActionId(id, 'reassign'), label: 'Reassign', style: 'secondary' });
  return actions;
}
