import type { Kysely } from 'kysely';

/**
 * Secrets the process generates once and keeps (the key that signs web links when WEB_LINK_SECRET
 * is unset), so links stay valid across restarts and replicas.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('web_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('web_secrets').execute();
}
