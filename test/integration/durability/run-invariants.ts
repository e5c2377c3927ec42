/**
 * What must hold for any finished run, however many processes worked on it and however many of
 * them died: read straight from the tables, so nothing the service caches can hide a duplicate.
 */
import { expect } from 'vitest';
import type { Database } from '../../../src/store/database';

export interface AttemptRow {
  blockId: string;
  blockRunId: string;
  attempt: number;
  worker: string;
  status: string;
  endedAt: Date | null;
}

/** Every attempt of a run, by block then attempt number. */
export async function listRunAttempts(database: Database, runId: string): Promise<AttemptRow[]> {
  const rows = await database.db
    .selectFrom('block_attempts')
    .innerJoin('block_runs', 'block_runs.id', 'block_attempts.block_run_id')
    .select(['block_runs.block_id', 'block_attempts.block_run_id', 'block_attempts.attempt', 'block_attempts.worker', 'block_attempts.status', 'block_attempts.ended_at'])
    .where('block_runs.run_id', '=', runId)
    .orderBy('block_runs.block_id')
    .orderBy('block_attempts.attempt')
    .execute();
  return rows.map((r) => ({ blockId: r.block_id, blockRunId: r.block_run_id, attempt: r.attempt, worker: r.worker, status: r.status, endedAt: r.ended_at }));
}

/**
 * Every block is done; its attempts are numbered 1..n with no gap and no duplicate, each ended
 * exactly once (no attempt still `running`), and only the last one completed the block.
 */
export async function expectEveryBlockDoneWithCleanAttempts(database: Database, runId: string): Promise<AttemptRow[]> {
  const blocks = await database.db.selectFrom('block_runs').select(['id', 'block_id', 'status', 'attempts']).where('run_id', '=', runId).execute();
  expect(blocks.filter((b) => b.status !== 'done').map((b) => `${b.block_id}: ${b.status}`)).toEqual([]);
  const attempts = await listRunAttempts(database, runId);
  for (const block of blocks) {
    const mine = attempts.filter((a) => a.blockRunId === block.id);
    expect(mine.map((a) => a.attempt), `attempt numbers of ${block.block_id}`).toEqual(Array.from({ length: block.attempts }, (_, i) => i + 1));
    for (const a of mine) {
      expect(a.status, `attempt ${a.attempt} of ${block.block_id}`).not.toBe('running');
      expect(a.endedAt, `end of attempt ${a.attempt} of ${block.block_id}`).not.toBeNull();
    }
    expect(mine.at(-1)?.status, `last attempt of ${block.block_id}`).toBe('complete');
  }
  return attempts;
}

/** Audit actions of a run with their counts, e.g. { 'run.completed': 1, 'block.complete': 18 }. */
export async function countAuditActions(database: Database, runId: string): Promise<Record<string, number>> {
  const rows = await database.db
    .selectFrom('audit_log')
    .select(['action', (eb) => eb.fn.countAll<string>().as('n')])
    .where('run_id', '=', runId)
    .groupBy('action')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.action, Number(r.n)]));
}

/**
 * The run completed once, each block completed once (one `block.complete` audit row and one
 * "done" notice in the outbox per block), every gate was opened, posted and decided once, and no
 * outbox dedupe key appears twice. Assumes the run was started from the console with no named
 * channels configured (as the harness and the child runners do).
 */
export async function expectNoDuplicateEffects(database: Database, runId: string): Promise<void> {
  const actions = await countAuditActions(database, runId);
  expect(actions['run.created']).toBe(1);
  expect(actions['run.completed']).toBe(1);
  const blocks = await database.db.selectFrom('block_runs').select(['block_id', 'retries']).where('run_id', '=', runId).execute();
  expect(actions['block.complete']).toBe(blocks.length);

  const perBlock = await database.db
    .selectFrom('audit_log')
    .select(['entity_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('run_id', '=', runId)
    .where('action', '=', 'block.complete')
    .groupBy('entity_id')
    .having((eb) => eb.fn.countAll(), '>', 1)
    .execute();
  expect(perBlock, 'blocks completed more than once').toEqual([]);

  const gates = await database.db.selectFrom('gates').select(['id', 'block_id', 'status']).where('run_id', '=', runId).execute();
  expect(gates.filter((g) => g.status === 'pending'), 'gates left pending').toEqual([]);
  for (const gate of gates) {
    const gateRows = await database.db.selectFrom('audit_log').select('action').where('gate_id', '=', gate.id).where('action', 'like', 'gate.%').execute();
    // An auto gate is opened already approved (one row); a person's gate has 'gate.opened' and one decision.
    const decisions = gateRows.filter((r) => r.action !== 'gate.opened');
    expect(decisions.map((r) => r.action), `decision rows of gate ${gate.id} (${gate.block_id})`).toHaveLength(1);
    expect(gateRows.filter((r) => r.action === 'gate.opened').length, `open rows of gate ${gate.id}`).toBeLessThanOrEqual(1);
    // One card per gate: a person's gate is posted to its review channel (here only the run's
    // console), an automatic one is a notice in the run's thread.
    const cards = await database.db
      .selectFrom('outbox')
      .select('dedupe_key')
      .where('kind', '=', 'post')
      .where('subject', 'in', [`gate:${gate.id}`, `run:${runId}:gate:${gate.id}`])
      .execute();
    expect(cards, `cards posted for gate ${gate.id} (${gate.block_id})`).toHaveLength(1);
  }

  const duplicates = await database.db
    .selectFrom('outbox')
    .select(['dedupe_key', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy('dedupe_key')
    .having((eb) => eb.fn.countAll(), '>', 1)
    .execute();
  expect(duplicates, 'outbox dedupe keys used twice').toEqual([]);

  const subjects = await database.db
    .selectFrom('outbox')
    .select(['subject', 'kind', (eb) => eb.fn.countAll<string>().as('n')])
    .where('subject', 'like', `run:${runId}:%`)
    .groupBy(['subject', 'kind'])
    .execute();
  const count = (subject: string, kind = 'post') => Number(subjects.find((s) => s.subject === subject && s.kind === kind)?.n ?? 0);
  for (const block of blocks) {
    expect(count(`run:${runId}:${block.block_id}:complete-block:done`), `"done" notices of ${block.block_id}`).toBe(1);
  }
  expect(count(`run:${runId}:finished`), 'run-finished notices').toBe(1);
  const retryNotices = subjects.filter((s) => s.subject.includes(':retry-block:')).reduce((sum, s) => sum + Number(s.n), 0);
  expect(retryNotices, 'retry notices (one per retry)').toBe(blocks.reduce((sum, b) => sum + b.retries, 0));
}
