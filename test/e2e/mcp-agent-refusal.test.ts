/** An agent token over MCP (Streamable HTTP) may start runs and reject, but not approve its own run. */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { FactoryApp } from '../../src/app';
import { OPEN_TIMEOUT_MS, testDatabases, type TestDatabaseHandle } from '../support/databases';
import { liveToken, startLiveApp } from '../support/live-app';
import { agentIsRefusedItsOwnApproval } from './mcp-scenario';

describe.each(testDatabases())('an agent over MCP on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  let app: FactoryApp;
  let base: string;
  let client: Client | undefined;
  beforeAll(async () => {
    database = await open();
    ({ app, base } = await startLiveApp(database));
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    await client?.close();
    await app?.stop();
    await database?.close();
  });

  it('GIVEN an agent token THEN approving the gate of the run it started is refused with a sentence', { timeout: 120_000 }, async () => {
    const token = await liveToken(database, 'mcp-agent', 'agent', ['runs:read', 'runs:write', 'gates:decide'], true);
    client = new Client({ name: 'factory-agent', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
    await agentIsRefusedItsOwnApproval(client);
  });
});
