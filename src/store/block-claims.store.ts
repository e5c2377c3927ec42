import { sql, type Selectable, type Transaction } from 'kysely';
import type { BlockRun } from '../domain/records';
import { tryAdvisoryXactLock } from './advisory-lock';
import { toBlockRun } from './blocks.store';
import type { BlockRunsTable, DB, Queryable } from './db-schema';
import { toJson } from './json-columns';

export interface ClaimOptions {
  /** Who holds the lease (e.g. "host:pid:slot"); renewals and results must come from it. */
  owner: string;
  now: Date;
  leaseMs: number;
  limit: number;
  /** At most this many blocks of one parallel group of one run may run at once. */
  perGroupLimit?: number;
}

interface Candidate {
  id: string;
  run_id: string;
  parallel_group: string | null;
}

/**
 * Claims up to `limit` ready blocks, oldest first: status `running`, a lease until now+leaseMs, and
 * a block_attempts row for attempt number `attempts` (as the engine set it), all in the caller's
 * transaction. `FOR UPDATE SKIP LOCKED` lets replicas claim side by side without waiting on each
 * other and without ever claiming the same block twice. A block whose attempt number was already
 * executed is not returned: it gets a failed outcome instead, because no attempt runs twice.
 */
export async function claimReadyBlocks(trx: Transaction<DB>, opts: ClaimOptions): Promise<BlockRun[]> {
  if (opts.limit <= 0) return [];
  const candidates = await trx
    .selectFrom('block_runs')
    .select(['id', 'run_id', 'parallel_group'])
    .where('status', '=', 'ready')
    .orderBy('id')
    .limit(opts.perGroupLimit ? opts.limit * 4 : opts.limit)
    .forUpdate()
    .skipLocked()
    .execute();
  const chosen = opts.perGroupLimit ? await withinGroupLimits(trx, candidates, opts.limit, opts.perGroupLimit) : candidates.map((c) => c.id);
  if (chosen.length === 0) return [];

  const rows = await trx
    .updateTable('block_runs')
    .set({
      status: 'running',
      lease_owner: opts.owner,
      lease_expires_at: new Date(opts.now.getTime() + opts.leaseMs),
      started_at: sql`coalesce(started_at, ${opts.now})`,
      ended_at: null,
    })
    .where('id', 'in', chosen)
    .returningAll()
    .execute();
  const inserted = await trx
    .insertInto('block_attempts')
    .values(rows.map((r) => ({ block_run_id: r.id, attempt: r.attempts, worker: opts.owner, started_at: opts.now, status: 'running' })))
    .onConflict((oc) => oc.columns(['block_run_id', 'attempt']).doNothing())
    .returning('block_run_id')
    .execute();
  const fresh = new Set(inserted.map((r) => r.block_run_id));
  for (const row of rows.filter((r) => !fresh.has(r.id))) await refuseRerun(trx, row);
  return rows
    .filter((r) => fresh.has(r.id))
    .sort((a, b) => Number(a.id) - Number(b.id))
    .map(toBlockRun);
}

/**
 * `claimReadyBlocks` without group limits, as ONE statement (pick with SKIP LOCKED, mark running,
 * insert the attempt rows), so a runner can claim on autocommit in a single round trip. Same
 * rules: an attempt number that already ran gets a failed outcome instead of being returned.
 */
export async function claimReadyBlocksAtOnce(db: Queryable, opts: Omit<ClaimOptions, 'perGroupLimit'>): Promise<BlockRun[]> {
  if (opts.limit <= 0) return [];
  const until = new Date(opts.now.getTime() + opts.leaseMs);
  const { rows } = await sql<Selectable<BlockRunsTable> & { fresh: boolean }>`
    with picked as (
      select id from block_runs where status = 'ready' order by id limit ${opts.limit} for update skip locked
    ), claimed as (
      update block_runs b set status = 'running', lease_owner = ${opts.owner}, lease_expires_at = ${until},
        started_at = coalesce(b.started_at, ${opts.now}), ended_at = null
      from picked where b.id = picked.id
      returning b.*
    ), fresh as (
      insert into block_attempts (block_run_id, attempt, worker, started_at, status)
      select id, attempts, ${opts.owner}, ${opts.now}, 'running' from claimed
      on conflict (block_run_id, attempt) do nothing
      returning block_run_id
    )
    select claimed.*, exists (select 1 from fresh where fresh.block_run_id = claimed.id) as fresh from claimed`.execute(db);
  for (const row of rows.filter((r) => !r.fresh)) await refuseRerun(db, row);
  return rows
    .filter((r) => r.fresh)
    .sort((a, b) => Number(a.id) - Number(b.id))
    .map(toBlockRun);
}

async function refuseRerun(db: Queryable, row: { id: string; attempts: number; block_id: string }): Promise<void> {
  const error = `attempt ${row.attempts} of ${row.block_id} was already started once; an attempt never runs twice`;
  await db
    .updateTable('block_runs')
    .set({ outcome: toJson({ kind: 'failed', error, retryable: false }), lease_owner: null, lease_expires_at: null })
    .where('id', '=', row.id)
    .execute();
}

/**
 * Picks candidates so that no (run, parallel group) exceeds `perGroup` running blocks. Each group
 * is counted under an advisory lock, so two claimers cannot both see room for the last slot; a
 * group locked by another claimer is left for the next round.
 */
async function withinGroupLimits(trx: Transaction<DB>, candidates: Candidate[], limit: number, perGroup: number): Promise<string[]> {
  const keyOf = (c: { run_id: string; parallel_group: string | null }) => `${c.run_id}:${c.parallel_group}`;
  const groups = new Map<string, Candidate>();
  for (const c of candidates) if (c.parallel_group !== null && !groups.has(keyOf(c))) groups.set(keyOf(c), c);
  const room = new Map<string, number>();
  for (const [key, c] of groups) {
    if (!(await tryAdvisoryXactLock(trx, `block-group:${key}`))) continue;
    const { running } = await trx
      .selectFrom('block_runs')
      .select((eb) => eb.fn.countAll<string>().as('running'))
      .where('run_id', '=', c.run_id)
      .where('parallel_group', '=', c.parallel_group)
      .where('status', '=', 'running')
      .executeTakeFirstOrThrow();
    room.set(key, perGroup - Number(running));
  }
  const chosen: string[] = [];
  for (const c of candidates) {
    if (chosen.length >= limit) break;
    if (c.parallel_group === null) {
      chosen.push(c.id);
      continue;
    }
    const left = room.get(keyOf(c)) ?? 0;
    if (left > 0) {
      chosen.push(c.id);
      room.set(keyOf(c), left - 1);
    }
  }
  return chosen;
}

/**
 * Running blocks whose lease ran out before an outcome was recorded (the worker died or hung),
 * locked for the caller's transaction; rows another sweeper holds are skipped.
 */
export async function listExpiredLeases(trx: Transaction<DB>, now: Date, opts: { limit?: number } = {}): Promise<BlockRun[]> {
  const rows = await trx
    .selectFrom('block_runs')
    .selectAll()
    .where('status', '=', 'running')
    .where('lease_expires_at', '<', now)
    .orderBy('lease_expires_at')
    .limit(opts.limit ?? 100)
    .forUpdate()
    .skipLocked()
    .execute();
  return rows.map(toBlockRun);
}

/**
 * Extends a lease the caller still holds. False means the lease is gone (expired and swept, or the
 * run moved on): the worker must stop and drop its result.
 */
export async function renewLease(db: Queryable, opts: { blockRunId: string; owner: string; now: Date; leaseMs: number }): Promise<boolean> {
  const result = await db
    .updateTable('block_runs')
    .set({ lease_expires_at: new Date(opts.now.getTime() + opts.leaseMs) })
    .where('id', '=', opts.blockRunId)
    .where('status', '=', 'running')
    .where('lease_owner', '=', opts.owner)
    .where('outcome', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
