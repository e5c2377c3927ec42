/** The MCP server over Streamable HTTP at /mcp, driven by the official SDK client. */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FactoryApp } from '../../src/app';
import { OPEN_TIMEOUT_MS, testDatabases, type TestDatabaseHandle } from '../support/databases';
import { liveToken, startLiveApp } from '../support/live-app';
import { driveDemoRun } from './mcp-scenario';

const ALL = ['runs:read', 'runs:write', 'gates:decide'] as const;

describe.each(testDatabases())('MCP over Streamable HTTP on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  let app: FactoryApp;
  let base: string;
  const clients: Client[] = [];
  beforeAll(async () => {
    database = await open();
    ({ app, base } = await startLiveApp(database));
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    await Promise.allSettled(clients.map((c) => c.close()));
    await app?.stop();
    await database?.close();
  });

  const connect = async (token: string): Promise<Client> => {
    const client = new Client({ name: 'factory-e2e', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
    clients.push(client);
    return client;
  };

  it('GIVEN a reviewer token THEN the demo runs start to end through tools, resources, notifications and prompts', { timeout: 180_000 }, async () => {
    await driveDemoRun(await connect(await liveToken(database, 'mcp-reviewer', 'admin', [...ALL])));
  });

  it('GIVEN no token, or a session used with another token THEN the request is refused', async () => {
    const res = await fetch(`${base}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }) });
    expect(res.status).toBe(401);
    const reader = await liveToken(database, 'mcp-reader', 'viewer', ['runs:read']);
    const other = await liveToken(database, 'mcp-other', 'viewer', ['runs:read']);
    const client = await connect(reader);
    const sessionId = (client.transport as StreamableHTTPClientTransport).sessionId!;
    const hijack = await fetch(`${base}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${other}`, 'mcp-session-id': sessionId },
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
    });
    expect(hijack.status).toBe(403);
    // A read-only token is refused changes as a tool error, not a crash.
    const refused = await client.callTool({ name: 'factory_create_pipeline', arguments: { template: 'demo' } });
    expect(refused.isError).toBe(true);
    expect(JSON.stringify(refused.content)).toContain('runs:write');
    expect(app.mcp.sessionCount).toBeGreaterThan(0);
  });
});
