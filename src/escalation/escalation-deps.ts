import type { Logger } from 'pino';
import type { Metrics } from '../metrics';
import type { ServiceContext } from '../runner/service-context';

/** What the escalation sweep's steps share. */
export interface EscalationDeps {
  ctx: ServiceContext;
  log: Logger;
  metrics?: Metrics;
  /** Who the last step pages when a template names no `owner` (config `owner`, a principal). */
  owner?: string;
}

/** Where one ladder message went, for the audit row: "discord:channel:123", "slack:dm:U1", "pager". */
export type Destination = string;

/** Outbox subjects of a gate's ladder messages. Apart from `gate:<id>` on purpose: every refresh of the gate card edits all copies of that subject, which would turn a reminder into the plain gate card moments after it was posted. */
export const reminderSubject = (gateId: string): string => `gate:${gateId}:reminder`;
export const pageSubject = (gateId: string): string => `gate:${gateId}:page`;
/** Dedupe-key prefix of one ladder step's rows (the step key as the planner names it). */
export const stepKeyPrefix = (gateId: string, stepKey: string): string => `gate:${gateId}:step:${stepKey}`;
