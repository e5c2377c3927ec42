import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getArtifactVersion, getOrCreateWebSecret, insertEscalationStep, insertGate, listArtifactMeta, listAttemptsForRun, listEscalationStepsForRun, putArtifact } from '../../../src/store';
import { listRunRows, loadRunDetails } from '../../../src/runner/run-details';
import { OPEN_TIMEOUT_MS, testDatabases, type TestDatabaseHandle } from '../../support/databases';
import { at, createTestRun } from '../../support/store-fixtures';

describe.each(testDatabases())('run details for the web pages on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  let runId: string;
  beforeAll(async () => {
    database = await open();
    runId = (await createTestRun(database.db)).run.id;
  }, OPEN_TIMEOUT_MS);
  afterAll(() => database.close());

  it('GIVEN two boots racing for the link secret THEN both get the first one stored', async () => {
    const [first, second] = await Promise.all([getOrCreateWebSecret(database.db, 'web-link', 'one'.repeat(12), at(0)), getOrCreateWebSecret(database.db, 'web-link', 'two'.repeat(12), at(0))]);
    expect(first).toBe(second);
    expect(await getOrCreateWebSecret(database.db, 'web-link', 'three'.repeat(8), at(1))).toBe(first);
  });

  it('GIVEN artifact versions THEN the list has no content and one version loads with it', async () => {
    await putArtifact(database.db, { runId, blockId: 'a', attempt: 1, key: 'out', format: 'json', content: '{"v":1}', now: at(1) });
    await putArtifact(database.db, { runId, blockId: 'a', attempt: 2, key: 'out', format: 'json', content: '{"v":2}', now: at(2) });
    const versions = await listArtifactMeta(database.db, runId);
    expect(versions.map((v) => [v.blockId, v.key, v.attempt, v.sizeBytes])).toEqual([['a', 'out', 1, 7], ['a', 'out', 2, 7]]);
    expect(versions[0]).not.toHaveProperty('content');
    expect((await getArtifactVersion(database.db, runId, 'a', 'out', 1))?.content).toBe('{"v":1}');
    expect((await getArtifactVersion(database.db, runId, 'a', 'out'))?.content).toBe('{"v":2}');
    expect(await getArtifactVersion(database.db, runId, 'a', '../out')).toBeUndefined();
  });

  it('GIVEN a run with a gate and a fired ladder step THEN its details hold waves, the critical path, the gate and the step', async () => {
    const { gate } = await insertGate(database.db, { runId, blockId: 'a', position: 'after', kind: 'approval', attempt: 1, mode: 'gate', now: at(3), deadlineAt: at(3_600_000) });
    await insertEscalationStep(database.db, { gateId: gate.id, stepKey: `${gate.id}:1:0`, level: 1, action: 'remind', dueAt: at(4), now: at(5) });
    expect(await listAttemptsForRun(database.db, runId)).toEqual([]);
    expect((await listEscalationStepsForRun(database.db, runId)).map((s) => s.action)).toEqual(['remind']);
    const details = (await loadRunDetails(database.db, runId))!;
    expect(details.waves).toEqual([['a'], ['b', 'c']]);
    expect(details.criticalPath[0]).toBe('a');
    expect(details.blocks.find((b) => b.id === 'b')).toMatchObject({ parallelGroup: 'g', depends: ['a'] });
    expect(details.gates.map((g) => [g.blockId, g.status])).toEqual([['a', 'pending']]);
    expect(details.escalations).toHaveLength(1);
    expect(await loadRunDetails(database.db, '999999')).toBeUndefined();
    const rows = await listRunRows(database.db, { status: 'running' });
    expect(rows.find((r) => r.id === runId)).toMatchObject({ total: 3, done: 0, pendingGates: [{ id: gate.id, blockName: 'A' }] });
  });
});
