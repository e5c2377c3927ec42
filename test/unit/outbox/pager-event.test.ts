import { describe, expect, it } from 'vitest';
import type { Card } from '../../../src/domain/card';
import { pagerEventFromCard } from '../../../src/outbox/pager-event';

const now = new Date('2025-03-01T09:00:00.000Z');
const base = { subject: 'gate:9', routingKey: 'KEY', dedupKey: 'gate:9', severity: 'error' as const, now };
const card = (overrides: Partial<Card> = {}): Card => ({ kind: 'reminder', title: 'Gate 9 overdue', summary: 'waits for Ana', tone: 'danger', ...overrides });

describe('pagerEventFromCard', () => {
  it('GIVEN a card with title and summary THEN the page summary joins them and the fields become custom details', () => {
    const event = pagerEventFromCard({ ...base, card: card({ description: 'since 10:00', fields: [{ label: 'Run', value: '42' }] }) });
    expect(event).toMatchObject({
      routing_key: 'KEY',
      event_action: 'trigger',
      dedup_key: 'gate:9',
      payload: { summary: 'Gate 9 overdue: waits for Ana', severity: 'error', source: 'process-factory', timestamp: now.toISOString(), group: 'gate:9' },
    });
    expect(event.payload.custom_details).toEqual({ subject: 'gate:9', description: 'since 10:00', Run: '42' });
    expect(event.links).toBeUndefined();
  });

  it('GIVEN a summary that repeats the title or is empty THEN the title alone is the page summary', () => {
    expect(pagerEventFromCard({ ...base, card: card({ summary: 'Gate 9 overdue' }) }).payload.summary).toBe('Gate 9 overdue');
    expect(pagerEventFromCard({ ...base, card: card({ summary: '' }) }).payload.summary).toBe('Gate 9 overdue');
  });

  it('GIVEN a card with a url THEN the page links to it under the card title', () => {
    expect(pagerEventFromCard({ ...base, card: card({ url: 'https://f.example/g/9' }) }).links).toEqual([{ href: 'https://f.example/g/9', text: 'Gate 9 overdue' }]);
  });

  it('GIVEN a very long card THEN the summary is cut to the PagerDuty limit of 1024 characters', () => {
    const summary = pagerEventFromCard({ ...base, card: card({ summary: 'x'.repeat(5000) }) }).payload.summary;
    expect(Array.from(summary)).toHaveLength(1024);
    expect(summary.endsWith('…')).toBe(true);
  });
});
