import type { Queryable } from './db-schema';

/**
 * Records an inbound delivery's idempotency key. Of any number of deliveries with the same key
 * (retries, concurrent duplicates) exactly one gets `first: true`; the others wait for its
 * transaction (the unique index) and get the run it started.
 */
export async function claimHookDelivery(db: Queryable, input: { templateId: string; key: string; now: Date }): Promise<{ first: true; id: string } | { first: false; runId: string | null }> {
  const inserted = await db
    .insertInto('hook_deliveries')
    .values({ template_id: input.templateId, idempotency_key: input.key, created_at: input.now })
    .onConflict((oc) => oc.columns(['template_id', 'idempotency_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { first: true, id: inserted.id };
  const existing = await db
    .selectFrom('hook_deliveries')
    .select('run_id')
    .where('template_id', '=', input.templateId)
    .where('idempotency_key', '=', input.key)
    .executeTakeFirstOrThrow();
  return { first: false, runId: existing.run_id };
}

export async function setHookDeliveryRun(db: Queryable, id: string, runId: string): Promise<void> {
  await db.updateTable('hook_deliveries').set({ run_id: runId }).where('id', '=', id).execute();
}
