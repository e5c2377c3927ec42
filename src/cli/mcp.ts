/**
 * `npm run mcp`: the factory as an MCP server on stdin/stdout, for a local agent (Claude Desktop,
 * an IDE). It runs the whole bot headless (runner, outbox, webhooks; no chat, no HTTP listener)
 * on the configured database and acts as the API token in FACTORY_API_TOKEN: the token's role and
 * scopes decide what the agent may do, and every change is audited under its name. Logs go to
 * stderr; stdout is the protocol's.
 */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { authenticateBearer } from '../api/auth';
import { readEnv } from '../config';
import { loadFileConfig } from '../config-file';
import { createLogger } from '../log';
import { createMcpServer } from '../mcp/create-mcp-server';

async function main(): Promise<number> {
  const env = readEnv();
  const log = createLogger({ level: env.LOG_LEVEL, pretty: false, stderr: true });
  if (!env.FACTORY_API_TOKEN) {
    process.stderr.write('FACTORY_API_TOKEN is not set: create a token with `npm run factory -- token create <name> --role <role> --scopes runs:read,...` and put its secret in FACTORY_API_TOKEN.\n');
    return 1;
  }
  const { createFactoryApp } = await import('../app');
  const app = await createFactoryApp({ env, fileConfig: await loadFileConfig(env.FACTORY_CONFIG), log, adapters: [] });
  const principal = await authenticateBearer(app.database.db, `Bearer ${env.FACTORY_API_TOKEN}`, new Date(), 'mcp');
  if (!principal) {
    await app.stop();
    process.stderr.write('FACTORY_API_TOKEN is not a valid API token (unknown or revoked): `npm run factory -- token list` shows the tokens.\n');
    return 1;
  }
  await app.start(null);
  const { server, dispose } = createMcpServer({ service: app.service, feed: app.feed, log: log.child({ component: 'mcp' }), now: () => new Date() }, { principal });
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    process.stdin.once('end', () => resolve());
  });
  await server.connect(transport);
  log.info({ token: principal.name }, 'MCP server on stdio');
  await closed;
  dispose();
  await server.close().catch(() => undefined);
  await app.stop();
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`mcp: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
