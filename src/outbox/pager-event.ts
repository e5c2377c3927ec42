import type { Card } from '../domain/card';
import { pagerDutyEvent, type PagerDutySeverity, type PagerDutyTriggerEvent } from '../engine/sla/pagerduty-event';

/**
 * The PagerDuty trigger for a 'page' outbox row. The contract (outbox/targets.ts) says the card's
 * title and summary describe the page; its fields travel as custom details so the responder sees
 * the same facts as the chat card, and its url (the gate in the dashboard) becomes a link.
 */
export function pagerEventFromCard(input: {
  card: Card;
  subject: string;
  routingKey: string;
  dedupKey: string;
  severity: PagerDutySeverity;
  now: Date;
}): PagerDutyTriggerEvent {
  const { card } = input;
  const summary = card.summary && card.summary !== card.title ? `${card.title}: ${card.summary}` : card.title;
  const fields = Object.fromEntries((card.fields ?? []).map((f) => [f.label, f.value]));
  return pagerDutyEvent({
    routingKey: input.routingKey,
    summary,
    dedupKey: input.dedupKey,
    severity: input.severity,
    timestamp: input.now,
    group: input.subject,
    customDetails: { subject: input.subject, ...(card.description ? { description: card.description } : {}), ...fields },
    links: card.url ? [{ href: card.url, text: card.title }] : undefined,
  });
}
