/**
 * PagerDuty Events API v2 "trigger" payloads, built purely (the caller POSTs them to
 * https://events.pagerduty.com/v2/enqueue). Field names and limits follow PagerDuty's
 * "Send an Alert Event" reference: summary at most 1024 characters, dedup_key at most 255,
 * severity one of critical, error, warning, info.
 */

export const PAGERDUTY_SEVERITIES = ['critical', 'error', 'warning', 'info'] as const;
export type PagerDutySeverity = (typeof PAGERDUTY_SEVERITIES)[number];

const SUMMARY_MAX = 1024;
const DEDUP_KEY_MAX = 255;

export interface PagerDutyEventInput {
  /** The Events API v2 integration key of the service to page. */
  routingKey: string;
  /** One line about the gate, e.g. "clone-factory run 42: gap-analyzer review is 2h past its SLA". */
  summary: string;
  /** Same key for every page of one gate, so PagerDuty folds repeats into one alert. */
  dedupKey: string;
  severity: PagerDutySeverity;
  timestamp: Date;
  /** The affected system; defaults to "process-factory". */
  source?: string;
  component?: string;
  group?: string;
  eventClass?: string;
  customDetails?: Record<string, unknown>;
  links?: ReadonlyArray<{ href: string; text?: string }>;
}

export interface PagerDutyTriggerEvent {
  routing_key: string;
  event_action: 'trigger';
  dedup_key: string;
  payload: {
    summary: string;
    source: string;
    severity: PagerDutySeverity;
    timestamp: string;
    component?: string;
    group?: string;
    class?: string;
    custom_details?: Record<string, unknown>;
  };
  links?: Array<{ href: string; text?: string }>;
}

/**
 * Builds a trigger event. A summary over the limit is shortened (by code point, so an emoji is
 * never cut in half) with an ellipsis, because a page that arrives shortened beats one rejected.
 * A dedup key over the limit throws: shortening it could merge two gates' alerts.
 */
export function pagerDutyEvent(input: PagerDutyEventInput): PagerDutyTriggerEvent {
  if (input.dedupKey.length === 0 || input.dedupKey.length > DEDUP_KEY_MAX) {
    throw new RangeError(`a PagerDuty dedup_key must be 1 to ${DEDUP_KEY_MAX} characters, got ${input.dedupKey.length}`);
  }
  const optional = {
    ...(input.component ? { component: input.component } : {}),
    ...(input.group ? { group: input.group } : {}),
    ...(input.eventClass ? { class: input.eventClass } : {}),
    ...(input.customDetails ? { custom_details: input.customDetails } : {}),
  };
  return {
    routing_key: input.routingKey,
    event_action: 'trigger',
    dedup_key: input.dedupKey,
    payload: {
      summary: truncateSummary(input.summary.trim() || '(no summary)'),
      source: input.source ?? 'process-factory',
      severity: input.severity,
      timestamp: input.timestamp.toISOString(),
      ...optional,
    },
    ...(input.links && input.links.length > 0 ? { links: input.links.map((l) => ({ ...l })) } : {}),
  };
}

function truncateSummary(summary: string): string {
  const chars = Array.from(summary);
  return chars.length <= SUMMARY_MAX ? summary : `${chars.slice(0, SUMMARY_MAX - 1).join('')}…`;
}
