/**
 * Domain read models -> platform-neutral Cards. Every builder is pure: it takes a view and
 * `{ now, publicBaseUrl? }` and never reads the clock or does I/O.
 */
export type { CardContext } from './card-context';
export { buildArtifactUrl, buildGateUrl, buildRunUrl } from './card-context';
export {
  ACTION_STEPS,
  BLOCK_VERBS,
  GATE_VERBS,
  MAX_ACTION_ID_LENGTH,
  RUN_VERBS,
  blockActionId,
  gateActionId,
  parseActionId,
  runActionId,
  type ActionStep,
  type BlockVerb,
  type GateVerb,
  type ParsedAction,
  type RunVerb,
} from './action-ids';
export { buildGateCard, buildPendingGateCard } from './gate-card';
export { buildDecidedGateCard } from './decided-gate-card';
export { buildBulkApprovalConfirmation, type BulkApprovalRequest } from './bulk-approval-card';
export { describeQuorum } from './quorum-facts';
export { buildGuidedGateCard } from './guided-gate-card';
export { describeDecision, isDeadlineDecision, isPersonDecision } from './describe-decision';
export { buildReminderCard, type ReminderStep } from './reminder-card';
export { buildRunStatusCard } from './run-status-card';
export { buildRunListCard } from './run-list-card';
export { buildBlockersCard, describeBlockerReason, sortBlockersByUrgency } from './blockers-card';
export { buildRunFinishedCard, buildRunStartedCard } from './run-notice-cards';
export { buildBlockFailedCard } from './block-failed-card';
export {
  buildApproveConfirmation,
  buildCancelRunConfirmation,
  buildConfirmationCard,
  type ConfirmationRequest,
} from './confirmation-card';
export { buildTemplatesCard } from './templates-card';
export { buildSchedulesCard } from './schedules-card';
export { buildAuditCard } from './audit-card';
export { buildHelpCard, type HelpEntry } from './help-card';
export { answerModal, reassignModal, rejectModal, MODAL_TITLE_MAX, REASON_MAX_LENGTH } from './gate-modals';
export { describeAge, describeDue, formatClockTime } from './relative-time';
export { buildBlockNoticeCard, type BlockNoticeKind } from './block-notice-card';
export { buildGateLinkCard } from './gate-link-card';
