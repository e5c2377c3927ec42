import { createHash, randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrations } from '../../migrations/index';
import { openDatabase, type Database } from '../../src/store/database';
import { migrateToLatest } from '../../src/store/migrate';

/**
 * A fresh PGlite spends most of its start (seconds, more on a busy machine) in initdb. Test files
 * instead start from a dump of a migrated database, made once per set of migrations and kept in
 * the temp folder; the dump is keyed by the migration names, so a new migration makes a new one.
 */
function snapshotPath(): string {
  const key = createHash('sha256').update(Object.keys(migrations).sort().join('\n')).digest('hex').slice(0, 16);
  return join(tmpdir(), `process-factory-pglite-${key}.tar`);
}

async function readSnapshot(path: string): Promise<Blob | null> {
  try {
    return new Blob([await readFile(path)]);
  } catch {
    return null;
  }
}

/** A migrated in-memory PGlite, from the shared snapshot when there is one (and making it when not). */
export async function openPgliteFromSnapshot(): Promise<Database> {
  const path = snapshotPath();
  const snapshot = await readSnapshot(path);
  if (snapshot) {
    const database = await openDatabase({ memory: true, snapshot });
    await migrateToLatest(database.db); // a no-op unless the snapshot is older than the code
    return database;
  }
  const database = await openDatabase({ memory: true });
  await migrateToLatest(database.db);
  if (database.dumpDataDir) {
    const dump = Buffer.from(await (await database.dumpDataDir()).arrayBuffer());
    // Write then rename: parallel workers never read a half-written file.
    const partial = `${path}.${process.pid}.${randomBytes(3).toString('hex')}`;
    await writeFile(partial, dump);
    await rename(partial, path);
  }
  return database;
}
