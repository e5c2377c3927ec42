import { Migrator, type Kysely } from 'kysely';
import { migrations } from '../../migrations';
import { DatabaseOpenError } from './open-errors';

export interface MigrationStatus {
  name: string;
  executedAt: Date | null;
}

function migratorFor<T>(db: Kysely<T>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

/**
 * Applies every migration not yet applied, in one transaction (both dialects have transactional
 * DDL), under kysely's migration lock so replicas starting together migrate once. Returns the
 * names applied now (empty when already up to date). On failure nothing is applied and the error
 * names the migration.
 */
export async function migrateToLatest<T>(db: Kysely<T>): Promise<string[]> {
  const { error, results = [] } = await migratorFor(db).migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName;
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseOpenError(
      'migration',
      `database migration ${failed ?? '(unknown)'} failed, nothing was applied: ${reason}`,
      { cause: error },
    );
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Every known migration and when it was applied (null: pending). */
export async function listMigrations<T>(db: Kysely<T>): Promise<MigrationStatus[]> {
  const infos = await migratorFor(db).getMigrations();
  return infos.map((m) => ({ name: m.name, executedAt: m.executedAt ?? null }));
}
