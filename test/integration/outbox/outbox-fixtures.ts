import type { Card } from '../../../src/domain/card';
import type { Platform } from '../../../src/domain/statuses';
import { silentLogger } from '../../../src/log';
import { Metrics } from '../../../src/metrics';
import { OutboxDelivery, type OutboxDeliveryOptions, type OutboxTarget } from '../../../src/outbox';
import { enqueueOutbox, getOutboxMessage, type Database, type OutboxKind, type OutboxMessage, type Queryable } from '../../../src/store';
import { T0 } from '../../support/store-fixtures';
import type { FakeChatAdapter } from './fake-chat-adapter';

export function testCard(title: string, overrides: Partial<Card> = {}): Card {
  return { kind: 'gate', title, summary: `${title} (summary)`, tone: 'pending', ...overrides };
}

let dedupe = 0;

/** Queues one outbox row as a producer would (unique dedupe key, created at T0 unless told). */
export async function queue(
  db: Queryable,
  row: { kind: OutboxKind; subject: string; platform?: Platform | null; target?: OutboxTarget | Record<string, unknown> | null; card: Card; now?: Date },
): Promise<string> {
  const { id } = await enqueueOutbox(db, {
    dedupeKey: `test:${row.subject}:${row.kind}:${++dedupe}`,
    kind: row.kind,
    subject: row.subject,
    platform: row.platform ?? null,
    target: (row.target as Record<string, unknown> | null | undefined) ?? null,
    payload: row.card,
    now: row.now ?? T0,
  });
  return id;
}

export async function rowOf(db: Queryable, id: string): Promise<OutboxMessage> {
  const row = await getOutboxMessage(db, id);
  if (!row) throw new Error(`outbox ${id} does not exist`);
  return row;
}

/** A delivery loop on fakes; each adapter listed is configured, nothing else is. */
export function deliveryWith(
  database: Database,
  adapters: FakeChatAdapter[],
  extra: Partial<OutboxDeliveryOptions> = {},
): { delivery: OutboxDelivery; metrics: Metrics } {
  const metrics = extra.metrics ?? new Metrics();
  const delivery = new OutboxDelivery({
    database,
    adapters: new Map(adapters.map((a) => [a.platform, a])),
    log: silentLogger(),
    metrics,
    owner: 'test-owner',
    now: () => T0,
    lockMs: 30_000,
    ...extra,
  });
  return { delivery, metrics };
}

/** factory_outbox_deliveries_total for one outcome (and platform, when given). */
export async function deliveries(metrics: Metrics, outcome: string, platform?: string): Promise<number> {
  const { values } = await metrics.outboxDeliveries.get();
  return values.filter((v) => v.labels.outcome === outcome && (!platform || v.labels.platform === platform)).reduce((sum, v) => sum + v.value, 0);
}
