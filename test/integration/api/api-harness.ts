import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { FileConfig } from '../../../src/config-file';
import { DEFAULT_MAX_BODY_BYTES, type ApiDeps } from '../../../src/api/api-deps';
import { issueApiToken } from '../../../src/api/auth/issue-token';
import { mountApi } from '../../../src/api/mount-api';
import { RateLimiter } from '../../../src/api/rate-limit';
import { apiRoutes } from '../../../src/api/routes/index';
import type { Role } from '../../../src/domain/statuses';
import { HttpServer } from '../../../src/http/server';
import { TemplateCatalog } from '../../../src/runner/template-catalog';
import { templateSchema, type TemplateInput } from '../../../src/schema/template';
import { silentLogger } from '../../../src/log';
import type { ApiScope } from '../../../src/store/api-tokens.store';
import type { Database } from '../../../src/store/database';
import { OPEN_TIMEOUT_MS, type TestDatabaseHandle } from '../../support/databases';
import { consoleActor, startFactory, type FactoryHarness } from '../../support/factory-harness';
import { resetDatabase } from '../../support/reset-database';

export const ALL_SCOPES: ApiScope[] = ['runs:read', 'runs:write', 'gates:decide', 'audit:read'];

export interface ApiHarness {
  baseUrl: string;
  factory: FactoryHarness;
  deps: ApiDeps;
  /** A new token's secret. */
  token(name: string, role: Role, scopes?: ApiScope[], agent?: boolean): Promise<string>;
  call(method: string, path: string, opts?: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> }): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }>;
  stop(): Promise<void>;
}

/** The real run service, runner and REST routes on a real HTTP server (port 0), on a test database. */
export async function startApi(
  database: Database,
  opts: { config?: Partial<FileConfig>; perMinute?: number; hookSecret?: string; now?: () => Date; startRunner?: boolean; extraTemplates?: TemplateInput[] } = {},
): Promise<ApiHarness> {
  const factory = await startFactory(database, { config: opts.config, startRunner: opts.startRunner });
  if (opts.extraTemplates) {
    const extra = opts.extraTemplates.map((t) => templateSchema.parse(t));
    factory.ctx.catalog = TemplateCatalog.fromTemplates([...factory.ctx.catalog.list(), ...extra]);
  }
  const http = new HttpServer(silentLogger());
  const now = opts.now ?? (() => new Date());
  const deps: ApiDeps = {
    service: factory.service,
    ctx: factory.ctx,
    log: silentLogger(),
    now,
    limiter: new RateLimiter(opts.perMinute ?? 10_000),
    maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
    hookSecret: opts.hookSecret,
  };
  mountApi(http, deps, apiRoutes());
  const port = await http.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    factory,
    deps,
    async token(name, role, scopes = ALL_SCOPES, agent = false) {
      return (await issueApiToken(database, { name, role, scopes, agent, actor: consoleActor }, now())).secret;
    },
    async call(method, path, o = {}) {
      const headers: Record<string, string> = { ...o.headers };
      if (o.token) headers.authorization = `Bearer ${o.token}`;
      let body: string | undefined = o.rawBody;
      if (o.body !== undefined) {
        body = JSON.stringify(o.body);
        headers['content-type'] ??= 'application/json';
      }
      const res = await fetch(`${baseUrl}${path}`, { method, headers, body });
      const text = await res.text();
      return { status: res.status, headers: res.headers, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    },
    async stop() {
      await http.close();
      await factory.stop();
    },
  };
}

/** Rows in the tables a refused request must not touch. */
const COUNTED = ['runs', 'block_runs', 'gates', 'audit_log', 'outbox', 'api_tokens', 'hook_deliveries'] as const;

export async function rowCounts(database: Database): Promise<Record<(typeof COUNTED)[number], number>> {
  const out = {} as Record<(typeof COUNTED)[number], number>;
  for (const table of COUNTED) {
    const row = await database.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}

/**
 * The lifecycle every REST suite shares: one database per suite, wiped before each test, and a
 * fresh API on it. Read `database` and `api` from the returned object inside tests or hooks
 * registered after this call (vitest runs hooks in order).
 */
export function useApiPerTest(
  open: () => Promise<TestDatabaseHandle>,
  start: (database: TestDatabaseHandle) => Promise<ApiHarness> = (database) => startApi(database),
): { database: TestDatabaseHandle; api: ApiHarness } {
  const suite = {} as { database: TestDatabaseHandle; api: ApiHarness };
  beforeAll(async () => {
    suite.database = await open();
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    await suite.api?.stop();
    await suite.database?.close();
  });
  beforeEach(async () => {
    await suite.api?.stop();
    await resetDatabase(suite.database);
    suite.api = await start(suite.database);
  });
  return suite;
}
