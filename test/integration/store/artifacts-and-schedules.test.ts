import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getLatestArtifact,
  getLatestArtifacts,
  getSchedule,
  listDueSchedules,
  listSchedules,
  putArtifact,
  recordScheduleFire,
  setScheduleFireRun,
  setSchedulePaused,
  transaction,
  upsertSchedule,
} from '../../../src/store';
import { OPEN_TIMEOUT_MS, testDatabases, type TestDatabaseHandle } from '../../support/databases';
import { at, createTestRun } from '../../support/store-fixtures';

describe.each(testDatabases())('artifacts and schedules on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  let runId: string;
  beforeAll(async () => {
    database = await open();
    runId = (await createTestRun(database.db)).run.id;
  }, OPEN_TIMEOUT_MS);
  afterAll(() => database.close());

  it('GIVEN text content THEN the artifact stores its UTF-8 size and sha256', async () => {
    const hello = await putArtifact(database.db, { runId, blockId: 'a', attempt: 1, key: 'greeting', format: 'md', content: 'hello', now: at(1) });
    expect(hello).toMatchObject({ sizeBytes: 5, checksum: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824', content: 'hello', createdAt: at(1) });
    const accented = await putArtifact(database.db, { runId, blockId: 'a', attempt: 1, key: 'accented', format: 'txt', content: 'héllo', now: at(1) });
    expect(accented.sizeBytes).toBe(6);
    const external = await putArtifact(database.db, { runId, blockId: 'a', attempt: 1, key: 'notebook', format: 'url', location: 'https://example.test/nb', now: at(1) });
    expect(external).toMatchObject({ content: null, location: 'https://example.test/nb', sizeBytes: null, checksum: null });
  });

  it('GIVEN several attempts THEN the latest per (block, key) wins, and re-putting an attempt replaces it', async () => {
    await putArtifact(database.db, { runId, blockId: 'b', attempt: 1, key: 'report', format: 'md', content: 'v1', now: at(1) });
    await putArtifact(database.db, { runId, blockId: 'b', attempt: 3, key: 'report', format: 'md', content: 'v3', now: at(3) });
    await putArtifact(database.db, { runId, blockId: 'b', attempt: 2, key: 'report', format: 'md', content: 'v2', now: at(2) });
    await putArtifact(database.db, { runId, blockId: 'b', attempt: 2, key: 'data', format: 'json', content: '{}', now: at(2) });
    await putArtifact(database.db, { runId, blockId: 'b', attempt: 3, key: 'report', format: 'md', content: 'v3 again', now: at(4) });
    expect(await getLatestArtifact(database.db, runId, 'b', 'report')).toMatchObject({ attempt: 3, content: 'v3 again', createdAt: at(4) });
    expect((await getLatestArtifacts(database.db, runId, { blockIds: ['b'] })).map((a) => [a.key, a.attempt, a.content])).toEqual([
      ['data', 2, '{}'],
      ['report', 3, 'v3 again'],
    ]);
    expect((await getLatestArtifacts(database.db, runId)).map((a) => `${a.blockId}.${a.key}`)).toEqual(['a.accented', 'a.greeting', 'a.notebook', 'b.data', 'b.report']);
    expect(await getLatestArtifacts(database.db, runId, { blockIds: [] })).toEqual([]);
    expect(await getLatestArtifact(database.db, runId, 'c', 'report')).toBeUndefined();
  });

  it('GIVEN a schedule THEN a fire is recorded once, moves the schedule on, and is skipped while paused', async () => {
    await upsertSchedule(database.db, { templateId: 'test-pipeline', cron: '0 6 * * *', timezone: 'Europe/Berlin', nextFireAt: at(1000) });
    // Declaring the same schedule again (a restart) keeps the pending fire.
    await upsertSchedule(database.db, { templateId: 'test-pipeline', cron: '0 6 * * *', timezone: 'Europe/Berlin', nextFireAt: at(99_000) });
    expect(await getSchedule(database.db, 'test-pipeline')).toMatchObject({ nextFireAt: at(1000), paused: false, lastFiredAt: null });

    const due = (now: Date) => transaction(database, (trx) => listDueSchedules(trx, { now })).then((s) => s.map((x) => x.templateId));
    expect(await due(at(999))).toEqual([]);
    expect(await due(at(1000))).toEqual(['test-pipeline']);

    const fire = { templateId: 'test-pipeline', fireAt: at(1000), nextFireAt: at(2000), now: at(1001) };
    expect(await Promise.all([recordScheduleFire(database.db, fire), recordScheduleFire(database.db, fire)])).toEqual(expect.arrayContaining([true, false]));
    await setScheduleFireRun(database.db, { templateId: 'test-pipeline', fireAt: at(1000), runId });
    expect(await getSchedule(database.db, 'test-pipeline')).toMatchObject({ nextFireAt: at(2000), lastFiredAt: at(1000) });

    await setSchedulePaused(database.db, 'test-pipeline', true);
    expect(await due(at(5000))).toEqual([]);
    await upsertSchedule(database.db, { templateId: 'test-pipeline', cron: '0 7 * * *', timezone: 'Europe/Berlin', nextFireAt: at(7000) });
    expect(await listSchedules(database.db)).toMatchObject([{ templateId: 'test-pipeline', cron: '0 7 * * *', paused: true, nextFireAt: at(7000) }]);
  });
});
