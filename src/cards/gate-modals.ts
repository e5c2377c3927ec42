import type { ModalRequest } from '../domain/card';
import type { GateView } from '../domain/views';
import { gateActionId } from './action-ids';
import { truncateText } from './text-format';

/** Discord caps modal titles at 45 characters (Slack at 24 for the title text; its renderer cuts further). */
export const MODAL_TITLE_MAX = 45;
/** Long enough for real feedback, short enough for one Discord text input (4000). */
export const REASON_MAX_LENGTH = 3000;

type ModalGate = Pick<GateView, 'id' | 'blockName' | 'kind'>;

const REJECT_WORDING: Record<GateView['kind'], { verb: string; label: string; placeholder: string }> = {
  approval: { verb: 'Reject', label: 'Reason', placeholder: 'What must change?' },
  clarification: { verb: 'Reject', label: 'Reason', placeholder: 'What must change?' },
  task: { verb: "Can't do", label: 'Why not?', placeholder: 'What stops it from being done?' },
  budget: { verb: 'Stop', label: 'Reason', placeholder: 'Why stop here?' },
};

/** The form asking why a gate is rejected; submitted under the id "gate:<id>:reject". */
export function rejectModal(gate: ModalGate): ModalRequest {
  const wording = REJECT_WORDING[gate.kind];
  return {
    id: gateActionId(gate.id, 'reject'),
    title: truncateText(`${wording.verb}: ${gate.blockName}`, MODAL_TITLE_MAX),
    fields: [
      { id: 'reason', label: wording.label, placeholder: wording.placeholder, required: true, multiline: true, maxLength: REASON_MAX_LENGTH },
    ],
  };
}

/** The form answering an agent's clarification question; submitted under "gate:<id>:answer". */
export function answerModal(gate: ModalGate & Pick<GateView, 'question'>): ModalRequest {
  const placeholder = gate.question ? truncateText(gate.question, 100) : 'Your answer';
  return {
    id: gateActionId(gate.id, 'answer'),
    title: truncateText(`Answer: ${gate.blockName}`, MODAL_TITLE_MAX),
    fields: [{ id: 'reason', label: 'Answer', placeholder, required: true, multiline: true, maxLength: REASON_MAX_LENGTH }],
  };
}

/** The form of the Reassign button: to whom; submitted under "gate:<id>:reassign". */
export function reassignModal(gateId: string): ModalRequest {
  return {
    id: gateActionId(gateId, 'reassign'),
    title: truncateText(`Reassign gate #${gateId}`, MODAL_TITLE_MAX),
    fields: [{ id: 'reason', label: 'To whom?', placeholder: '@name, or a user id (slack:user:U123, discord:user:123)', required: true, multiline: false, maxLength: 200 }],
  };
}
