import type { Queryable } from './db-schema';

/**
 * The secret stored under `name`, created with `candidate` if there is none yet. Concurrent first
 * callers (two replicas booting) all get the one value that won the insert.
 */
export async function getOrCreateWebSecret(db: Queryable, name: string, candidate: string, now: Date): Promise<string> {
  await db.insertInto('web_secrets').values({ name, value: candidate, created_at: now }).onConflict((oc) => oc.column('name').doNothing()).execute();
  const row = await db.selectFrom('web_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  return row.value;
}
