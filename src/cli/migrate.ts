/**
 * `npm run migrate`: applies pending database migrations and says what it did. Reads DATABASE_URL
 * (PostgreSQL) or FACTORY_DATA_DIR (embedded PGlite) like the bot does. `--status` lists every
 * migration and whether it is applied, and changes nothing.
 */
import { pgliteDataDir, readEnv } from '../config';
import { listMigrations, migrateToLatest, openDatabase } from '../store';

async function main(argv: readonly string[]): Promise<number> {
  const env = readEnv();
  const database = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: pgliteDataDir(env),
    applicationName: 'process-factory-migrate',
    log: (msg) => console.log(msg),
  });
  try {
    if (argv.includes('--status')) {
      for (const m of await listMigrations(database.db)) {
        console.log(`${m.executedAt ? 'applied' : 'pending'}  ${m.name}${m.executedAt ? `  (${m.executedAt.toISOString()})` : ''}`);
      }
      return 0;
    }
    const applied = await migrateToLatest(database.db);
    if (applied.length === 0) console.log('The database is up to date: no migration to apply.');
    for (const name of applied) console.log(`applied ${name}`);
    return 0;
  } finally {
    await database.close();
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  // Config and open errors are written for the operator; print the sentence, not a stack.
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
}
