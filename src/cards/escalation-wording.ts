import type { CardTone } from '../domain/card';
import type { LadderAction } from '../schema/sla';
import { LADDER_STEP_LABELS } from '../engine/sla/escalation-level-name';

export { LADDER_STEP_LABELS };

/** The title word of a reminder card for each step. */
export const LADDER_STEP_TITLES: Record<LadderAction, string> = {
  notify: 'Waiting for you',
  remind: 'Reminder',
  mention: 'Still waiting',
  here: 'SLA warning',
  warn: 'SLA warning',
  escalate: 'Escalated to admins',
  page: 'Paging owner',
};

export const LADDER_STEP_TONES: Record<LadderAction, CardTone> = {
  notify: 'pending',
  remind: 'pending',
  mention: 'pending',
  here: 'warning',
  warn: 'warning',
  escalate: 'danger',
  page: 'danger',
};

/** "level 3 · SLA warning", or "level 3" when the step is not known. */
export function describeEscalation(level: number, step?: LadderAction | null): string {
  return step ? `level ${level} · ${LADDER_STEP_LABELS[step]}` : `level ${level}`;
}
