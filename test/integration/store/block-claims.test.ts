import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BlockRun } from '../../../src/domain/records';
import {
  applyEngineAction,
  claimReadyBlocks,
  findBlockRun,
  listBlockAttempts,
  listExpiredLeases,
  recordAttemptOutcome,
  renewLease,
  transaction,
  type ClaimOptions,
  type Database,
} from '../../../src/store';
import { OPEN_TIMEOUT_MS, testDatabases, type TestDatabaseHandle } from '../../support/databases';
import { resetDatabase } from '../../support/reset-database';
import { at, createTestRun } from '../../support/store-fixtures';

async function readyRun(database: Database, blockIds: string[] = ['a', 'b', 'c']): Promise<string> {
  const { run } = await createTestRun(database.db);
  for (const blockId of blockIds) await applyEngineAction(database.db, run.id, { type: 'start-block', blockId, attempt: 1, cause: 'initial' }, { now: at(0) });
  return run.id;
}

const claim = (database: Database, opts: Partial<ClaimOptions> = {}) =>
  transaction(database, (trx) => claimReadyBlocks(trx, { owner: 'w1', now: at(1000), leaseMs: 60_000, limit: 10, ...opts }));

describe.each(testDatabases())('claiming blocks on $name', ({ name, open }) => {
  let database: TestDatabaseHandle;
  beforeAll(async () => {
    database = await open();
  }, OPEN_TIMEOUT_MS);
  afterAll(() => database.close());
  beforeEach(() => resetDatabase(database));

  it('GIVEN ready and pending blocks THEN a claim takes ready ones oldest first, up to the limit, with a lease and an attempt row', async () => {
    const runId = await readyRun(database, ['a', 'c']);
    const first = await claim(database, { limit: 1 });
    expect(first.map((b) => b.blockId)).toEqual(['a']);
    expect(first[0]).toMatchObject({ status: 'running', attempts: 1, leaseOwner: 'w1', leaseExpiresAt: at(61_000), startedAt: at(1000) });
    expect((await claim(database, { owner: 'w2' })).map((b) => b.blockId)).toEqual(['c']);
    expect(await claim(database)).toEqual([]);
    expect(await findBlockRun(database.db, runId, 'b')).toMatchObject({ status: 'pending' });
    expect(await listBlockAttempts(database.db, first[0]!.id)).toMatchObject([{ attempt: 1, worker: 'w1', status: 'running', startedAt: at(1000) }]);
  });

  it('GIVEN a parallel group limit THEN no more than that many blocks of a run group run at once', async () => {
    await readyRun(database);
    const first = await claim(database, { perGroupLimit: 1 });
    expect(first.map((b) => b.blockId)).toEqual(['a', 'b']);
    expect(await claim(database, { perGroupLimit: 1 })).toEqual([]);
    expect((await claim(database, { perGroupLimit: 2 })).map((b) => b.blockId)).toEqual(['c']);
  });

  it('GIVEN a ready block whose attempt number already ran THEN it is not run again: it gets a failed outcome', async () => {
    const runId = await readyRun(database, ['a']);
    const [a] = await claim(database);
    // Simulate a faulty transition that readies the same attempt again.
    await sql`update block_runs set status = 'ready' where id = ${a!.id}`.execute(database.db);
    expect(await claim(database, { owner: 'w2' })).toEqual([]);
    const again = await findBlockRun(database.db, runId, 'a');
    expect(again).toMatchObject({ status: 'running', outcome: { kind: 'failed', retryable: false } });
    expect(again!.outcome).toMatchObject({ error: expect.stringContaining('never runs twice') });
    expect(await listBlockAttempts(database.db, a!.id)).toHaveLength(1);
  });

  it('GIVEN leases THEN only expired ones without an outcome are listed, and only the holder renews', async () => {
    await readyRun(database);
    const [a, b, c] = await claim(database, { leaseMs: 1000 });
    expect(await renewLease(database.db, { blockRunId: b!.id, owner: 'w1', now: at(1500), leaseMs: 5000 })).toBe(true);
    expect(await renewLease(database.db, { blockRunId: b!.id, owner: 'intruder', now: at(1500), leaseMs: 5000 })).toBe(false);
    await recordAttemptOutcome(database.db, { blockRunId: c!.id, attempt: 1, outcome: { kind: 'complete', metrics: {} }, now: at(1600), owner: 'w1' });
    const expiredAt = (now: Date) => transaction(database, (trx) => listExpiredLeases(trx, now)).then((rows) => rows.map((r) => r.blockId));
    expect(await expiredAt(at(2000))).toEqual([]);
    expect(await expiredAt(at(2001))).toEqual(['a']);
    expect(await expiredAt(at(6501))).toEqual(['a', 'b']);
    expect(await renewLease(database.db, { blockRunId: c!.id, owner: 'w1', now: at(1700), leaseMs: 5000 })).toBe(false);
    expect(a!.blockId).toBe('a');
  });

  it('GIVEN many ready blocks and two claimers racing THEN every block is claimed exactly once', async () => {
    for (let i = 0; i < 8; i++) await readyRun(database);
    const claimed: BlockRun[][] = [[], []];
    const claimer = async (i: number) => {
      for (;;) {
        const got = await claim(database, { owner: `w${i}`, limit: 3 });
        if (got.length === 0) return;
        claimed[i]!.push(...got);
      }
    };
    await Promise.all([claimer(0), claimer(1)]);
    const ids = [...claimed[0]!, ...claimed[1]!].map((b) => b.id);
    expect(ids).toHaveLength(24);
    expect(new Set(ids).size).toBe(24);
    if (name === 'postgres') expect(claimed[0]!.length * claimed[1]!.length).toBeGreaterThan(0);
  });
});

describe.each(testDatabases({ only: 'postgres' }))('concurrent claimers on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  beforeAll(async () => {
    database = await open();
  }, OPEN_TIMEOUT_MS);
  afterAll(() => database.close());
  beforeEach(() => resetDatabase(database));

  /** Two claims whose transactions are both open before either commits. */
  async function overlappingClaims(opts: Partial<ClaimOptions>): Promise<[BlockRun[], BlockRun[]]> {
    let arrived = 0;
    let release!: () => void;
    const bothClaimed = new Promise<void>((resolve) => (release = resolve));
    const claimer = (owner: string) =>
      transaction(database, async (trx) => {
        const got = await claimReadyBlocks(trx, { owner, now: at(1000), leaseMs: 60_000, limit: 2, ...opts });
        if (++arrived === 2) release();
        await bothClaimed;
        return got;
      });
    return Promise.all([claimer('w1'), claimer('w2')]);
  }

  it('GIVEN two claimers with open transactions at once THEN SKIP LOCKED hands them disjoint blocks, round after round', async () => {
    for (let i = 0; i < 6; i++) await readyRun(database);
    const seen = new Set<string>();
    for (let round = 0; round < 4; round++) {
      const [one, two] = await overlappingClaims({});
      const ids = [...one, ...two].map((b) => b.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(one.length).toBeGreaterThan(0);
      expect(two.length).toBeGreaterThan(0);
      for (const id of ids) {
        expect(seen.has(id)).toBe(false);
        seen.add(id);
      }
    }
    expect(seen.size).toBe(16);
    // The two blocks left are still there for the next claim.
    expect(await claim(database)).toHaveLength(2);
  });

  it('GIVEN a group limit of one and two simultaneous claimers THEN the group still runs one block', async () => {
    await readyRun(database, ['b', 'c']);
    const [one, two] = await overlappingClaims({ perGroupLimit: 1 });
    expect(one.length + two.length).toBe(1);
  });
});
