import type { OursCases, OursMeasurement } from './ours-cases';
import { createScratchDatabase } from './scratch-database';
import { withTimeout } from './with-timeout';

/** Runs the "ours" hook in its own fresh database, bounded in time, and drops the database. */
export async function runOurs(cases: OursCases, timeoutMs: number): Promise<OursMeasurement> {
  const scratch = await createScratchDatabase('ours');
  try {
    return await withTimeout(cases({ connectionString: scratch.connectionString }), timeoutMs, 'ours cases');
  } finally {
    await scratch.drop();
  }
}
