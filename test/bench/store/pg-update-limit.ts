import pg from 'pg';
import { createScratchDatabase } from './scratch-database';
import { runTimedLoops } from './timed-loops';
import type { TimedLoopResult } from './timed-loops';

/** Measured-window options shared by every "limit" case. */
export interface LimitWindow {
  warmupMs: number;
  durationMs: number;
}

/**
 * THE LIMIT on the local server: `connections` clients, each committing
 * `UPDATE bench_counter SET n = n + 1 WHERE id = $k` on its own row in autocommit, back to back.
 * Own rows so no loop ever waits on another's row lock: what is left is WAL flush and round trips.
 * Runs in a fresh database that is dropped afterwards.
 */
export async function measurePgUpdateLimit(connections: number, window: LimitWindow): Promise<TimedLoopResult> {
  const scratch = await createScratchDatabase('limit');
  try {
    const pool = new pg.Pool({ connectionString: scratch.connectionString, max: connections });
    try {
      await pool.query('CREATE TABLE bench_counter (id int PRIMARY KEY, n bigint NOT NULL)');
      await pool.query('INSERT INTO bench_counter (id, n) SELECT k, 0 FROM generate_series(1, $1::int) AS k', [connections]);
      // Check every client out up front so pool checkout is not part of any commit's latency.
      const clients = await Promise.all(Array.from({ length: connections }, () => pool.connect()));
      try {
        return await runTimedLoops(
          clients.map((client, i) => () => client.query('UPDATE bench_counter SET n = n + 1 WHERE id = $1', [i + 1])),
          window,
        );
      } finally {
        for (const client of clients) client.release();
      }
    } finally {
      await pool.end();
    }
  } finally {
    await scratch.drop();
  }
}
