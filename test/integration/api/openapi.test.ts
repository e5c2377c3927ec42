import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../../src/api/routes/index';
import { OPEN_TIMEOUT_MS, testDatabases, type TestDatabaseHandle } from '../../support/databases';
import { startApi, type ApiHarness } from './api-harness';

const run = promisify(execFile);
const REDOCLY = new URL('../../../node_modules/.bin/redocly', import.meta.url).pathname;

describe.each(testDatabases())('the OpenAPI document on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  let api: ApiHarness;
  beforeAll(async () => {
    database = await open();
    api = await startApi(database, { startRunner: false });
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    await api?.stop();
    await database.close();
  });

  it('GIVEN GET /v1/openapi.json without a token THEN an OpenAPI 3.1 document of every route', async () => {
    const res = await api.call('GET', '/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.json.openapi).toBe('3.1.0');
    const paths = res.json.paths as Record<string, Record<string, { operationId: string }>>;
    for (const route of API_ROUTES) expect(paths[route.path]?.[route.method.toLowerCase()]?.operationId).toBe(route.operationId);
    // The document is generated from the schemas that validate: a strict body says so.
    const approve = paths['/v1/gates/{id}/approve']!.post as unknown as { requestBody: { content: Record<string, { schema: { additionalProperties: boolean; properties: object } }> } };
    expect(approve.requestBody.content['application/json']!.schema).toMatchObject({ additionalProperties: false, properties: { notes: {}, conditions: {}, confirm: {} } });
  });

  it('GIVEN the served document THEN `redocly lint` (recommended rules) finds no error and no warning', async () => {
    const res = await fetch(`${api.baseUrl}/v1/openapi.json`);
    const dir = await mkdtemp(join(tmpdir(), 'pf-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      await writeFile(file, await res.text());
      const { stdout } = await run(REDOCLY, ['lint', file, '--format=json'], { timeout: 120_000, env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } });
      const report = JSON.parse(stdout) as { totals: { errors: number; warnings: number }; problems: unknown[] };
      expect(report.problems).toEqual([]);
      expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
