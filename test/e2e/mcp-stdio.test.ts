/**
 * `npm run mcp` as a child process, driven by the official SDK client over stdio (the way Claude
 * Desktop or an IDE starts it): the token comes from FACTORY_API_TOKEN, the database from
 * DATABASE_URL or FACTORY_DATA_DIR, and the process runs the whole bot headless.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { migrateToLatest, openDatabase, type Database } from '../../src/store';
import { OPEN_TIMEOUT_MS, testDatabases, type TestDatabaseHandle } from '../support/databases';
import { liveToken, TEMPLATES_DIR } from '../support/live-app';
import { agentIsRefusedItsOwnApproval, driveDemoRun } from './mcp-scenario';

const ROOT = new URL('../..', import.meta.url).pathname;
const ALL = ['runs:read', 'runs:write', 'gates:decide'] as const;

describe.each(testDatabases())('MCP over stdio (npm run mcp) on $name', ({ name, open }) => {
  let handle: TestDatabaseHandle | undefined;
  let dataDir: string | undefined;
  const clients: Client[] = [];
  beforeAll(async () => {
    if (name === 'postgres') handle = await open();
    else dataDir = mkdtempSync(join(tmpdir(), 'pf-mcp-'));
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    await Promise.allSettled(clients.map((c) => c.close()));
    await handle?.close();
  });

  /** A token made the way an operator would, before the MCP process opens the database. */
  const tokenFor = async (tokenName: string, role: 'admin' | 'agent', agent = false): Promise<string> => {
    if (handle) return liveToken(handle, tokenName, role, [...ALL], agent);
    const database: Database = await openDatabase({ dataDir: join(dataDir!, 'pglite') });
    try {
      await migrateToLatest(database.db);
      return await liveToken(database, tokenName, role, [...ALL], agent);
    } finally {
      await database.close();
    }
  };

  const spawn = async (token: string): Promise<Client> => {
    const transport = new StdioClientTransport({
      command: join(ROOT, 'node_modules/.bin/tsx'),
      args: [join(ROOT, 'src/cli/mcp.ts')],
      cwd: ROOT,
      stderr: 'pipe',
      env: {
        ...getDefaultEnvironment(),
        FACTORY_API_TOKEN: token,
        FACTORY_TEMPLATES_DIR: TEMPLATES_DIR,
        SIMULATE_TIME_SCALE: '0.0005',
        EVENTS_POLL_MS: '200',
        ESCALATION_CRON: '0 0 1 1 *',
        LOG_LEVEL: 'warn',
        ...(handle ? { DATABASE_URL: handle.connectionString! } : { FACTORY_DATA_DIR: dataDir! }),
      },
    });
    const client = new Client({ name: 'factory-e2e-stdio', version: '1.0.0' });
    await client.connect(transport);
    clients.push(client);
    return client;
  };

  it('GIVEN a reviewer token THEN the demo runs to completion through the stdio server', { timeout: 300_000 }, async () => {
    const client = await spawn(await tokenFor('stdio-reviewer', 'admin'));
    await driveDemoRun(client);
    await client.close();
  });

  it('GIVEN an agent token THEN the stdio server refuses it the approval of its own run, with a sentence', { timeout: 300_000 }, async () => {
    // PGlite is one process at a time: this server starts once the previous one has exited.
    const client = await spawn(await tokenFor('stdio-agent', 'agent', true));
    await agentIsRefusedItsOwnApproval(client);
    await client.close();
  });
});
