import type { Card, CardTone } from '../domain/card';
import type { GateView, RunView } from '../domain/views';
import { gateActionId, runActionId } from './action-ids';
import type { CardContext } from './card-context';
import { liveDue } from './relative-time';

/** An "are you sure?" step before a destructive or guarded action. */
export interface ConfirmationRequest {
  title: string;
  /** What will happen, in plain words. */
  question: string;
  confirmId: string;
  dismissId: string;
  confirmLabel?: string;
  dismissLabel?: string;
  /** Danger styles the confirm button red. */
  tone?: Extract<CardTone, 'danger' | 'warning' | 'pending'>;
}

/** A card with two buttons: go ahead (the action id with ":confirm") or leave things as they are. */
export function buildConfirmationCard(request: ConfirmationRequest): Card {
  const tone = request.tone ?? 'warning';
  return {
    kind: 'notice',
    title: request.title,
    summary: request.question,
    tone,
    description: request.question,
    actions: [
      { id: request.confirmId, label: request.confirmLabel ?? 'Confirm', style: tone === 'danger' ? 'danger' : 'primary' },
      { id: request.dismissId, label: request.dismissLabel ?? 'Cancel', style: 'secondary' },
    ],
  };
}

/** "Cancel clone-factory #12?": Confirm `run:<id>:cancel:confirm`, Keep running `run:<id>:cancel:dismiss`. */
export function buildCancelRunConfirmation(run: Pick<RunView, 'id' | 'name' | 'blocks' | 'pendingGates'>, _ctx: CardContext): Card {
  const running = run.blocks.filter((b) => b.status === 'running').length;
  const consequences = [
    running > 0 ? `stops ${running} running block${running === 1 ? '' : 's'}` : null,
    run.pendingGates.length > 0 ? `closes ${run.pendingGates.length} open gate${run.pendingGates.length === 1 ? '' : 's'}` : null,
  ].filter(Boolean);
  const what = consequences.length > 0 ? `This ${consequences.join(' and ')}. ` : '';
  return buildConfirmationCard({
    title: `Cancel ${run.name}?`,
    question: `${what}A cancelled run cannot be resumed.`,
    confirmId: runActionId(run.id, 'cancel', 'confirm'),
    dismissId: runActionId(run.id, 'cancel', 'dismiss'),
    confirmLabel: 'Confirm',
    dismissLabel: 'Keep running',
    tone: 'danger',
  });
}

/** For gates that ask for confirmation: "Approve Expert framework?" with what approving starts. */
export function buildApproveConfirmation(gate: GateView, ctx: CardContext): Card {
  const next = gate.nextBlocks.length > 0 ? `Approving starts ${gate.nextBlocks.map((b) => b.name).join(', ')}. ` : '';
  return buildConfirmationCard({
    title: `Approve ${gate.blockName} (${gate.runName})?`,
    question: `${next}This gate asks for a second look before it is approved (${liveDue(gate.deadlineAt, ctx.now)}).`,
    confirmId: gateActionId(gate.id, 'approve', 'confirm'),
    dismissId: gateActionId(gate.id, 'approve', 'dismiss'),
    confirmLabel: 'Yes, approve',
    dismissLabel: 'Not yet',
    tone: 'pending',
  });
}
