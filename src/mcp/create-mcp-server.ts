import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { McpDeps, McpSession } from './mcp-deps';
import { registerPrompts } from './mcp-prompts';
import { registerResources } from './mcp-resources';
import { registerTools } from './mcp-tools';

export const MCP_SERVER_INFO = { name: 'process-factory', version: '0.1.0' };

/** One MCP server for one authenticated client (stdio: the process; HTTP: one session). */
export function createMcpServer(deps: McpDeps, session: McpSession): { server: McpServer; dispose: () => void } {
  const server = new McpServer(MCP_SERVER_INFO, {
    capabilities: { resources: { subscribe: true, listChanged: true }, tools: {}, prompts: {} },
    instructions: 'Process Factory: pipelines of blocks with human gates. Start with the whats_needs_attention prompt or factory_get_pending_tasks; decide with factory_approve_task / factory_reject_task.',
  });
  registerTools(server, deps, session);
  const stopSubscriptions = registerResources(server, deps, session);
  registerPrompts(server, deps, session);
  return { server, dispose: stopSubscriptions };
}
