import type { LadderStep } from '../../schema/sla';
import { DEFAULT_LADDER } from './default-ladder';
import type { LadderAction } from './types';

/** What each ladder step means to the person reading a card (cards use these words too). */
export const LADDER_STEP_LABELS: Record<LadderAction, string> = {
  notify: 'notified',
  remind: 'reminder',
  mention: 'channel mention',
  here: 'SLA warning (@here)',
  warn: 'SLA warning',
  escalate: 'escalated to admins',
  page: 'paging owner',
};

/**
 * A short label for a card ("reminder", "SLA warning", "escalated to admins", ...).
 * Pass the step's action, or its level together with the ladder it came from (the resolved
 * policy's `steps`); a bare level is read against the default ladder.
 */
export function escalationLevelName(
  levelOrAction: number | LadderAction,
  ladder: ReadonlyArray<Pick<LadderStep, 'action'>> = DEFAULT_LADDER,
): string {
  if (typeof levelOrAction === 'string') return LADDER_STEP_LABELS[levelOrAction];
  const step = ladder[levelOrAction];
  return step ? LADDER_STEP_LABELS[step.action] : `escalation level ${levelOrAction}`;
}
