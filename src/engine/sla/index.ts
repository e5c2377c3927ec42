/** SLA ladder arithmetic: pure functions the escalation sweep calls with `now`. */
export { DEFAULT_LADDER, DEFAULT_SLA } from './default-ladder';
export { escalationLevelName } from './escalation-level-name';
export { nextWorkingTime } from './next-working-time';
export { pagerDutyEvent, PAGERDUTY_SEVERITIES } from './pagerduty-event';
export type { PagerDutyEventInput, PagerDutySeverity, PagerDutyTriggerEvent } from './pagerduty-event';
export { paceForPriority } from './pace-for-priority';
export { parseStepTiming } from './parse-step-timing';
export { personalDeliveryTime } from './personal-delivery-time';
export { planEscalation } from './plan-escalation';
export { resolvePolicy } from './resolve-policy';
export type { SlaPolicyIssue } from './resolve-policy';
export { DEADLINE_ACTION_KEY } from './types';
export type {
  Audience,
  DeadlineAction,
  DueStep,
  EscalationPlan,
  GatePriority,
  LadderAction,
  PlanEscalationInput,
  ResolvedPolicy,
  ResolvedStep,
  SlaGate,
  StepTiming,
} from './types';
