import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { LimitWindow } from './pg-update-limit';
import { runTimedLoops } from './timed-loops';
import type { TimedLoopResult } from './timed-loops';

/**
 * THE LIMIT embedded: PGlite is one connection, so one loop of single-row autocommit UPDATEs.
 * `storage: 'disk'` uses a fresh temp data dir (removed afterwards), `'memory'` no files at all.
 * Read the disk figure with care: PGlite 0.4.6's Node filesystem (emscripten NODEFS) has no
 * fsync, so its commits reach the page cache, not stable storage, unlike the PostgreSQL case.
 */
export async function measurePgliteUpdateLimit(storage: 'memory' | 'disk', window: LimitWindow): Promise<TimedLoopResult> {
  const dataDir = storage === 'disk' ? await mkdtemp(join(tmpdir(), 'pf-bench-pglite-')) : undefined;
  try {
    const db = await PGlite.create(dataDir);
    try {
      await db.exec('CREATE TABLE bench_counter (id int PRIMARY KEY, n bigint NOT NULL); INSERT INTO bench_counter VALUES (1, 0);');
      return await runTimedLoops([() => db.query('UPDATE bench_counter SET n = n + 1 WHERE id = $1', [1])], window);
    } finally {
      await db.close();
    }
  } finally {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}
