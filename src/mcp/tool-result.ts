import { randomBytes } from 'node:crypto';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from 'pino';
import type { ApiPrincipal, ApiScope } from '../api/auth';
import { isUserError, UserError } from '../domain/errors';

/** A tool's answer: a line for people and models, and the same data as JSON. */
export function toolResult(summary: string, data: unknown): CallToolResult {
  return { content: [{ type: 'text', text: `${summary}\n\n${JSON.stringify(data, null, 2)}` }], structuredContent: { result: data as never } };
}

/** Refused unless the token carries the scope (the same scopes as the REST API). */
export function requireToolScope(principal: ApiPrincipal, scope: ApiScope): void {
  if (!principal.scopes.includes(scope)) throw new UserError('forbidden', `This token lacks the "${scope}" scope; it has ${principal.scopes.join(', ') || 'none'}.`);
}

/**
 * Runs a tool body; a refusal or a bad argument becomes an MCP tool error with its sentence
 * (`isError: true`), anything else a reference the operator finds in the log. The server never
 * falls over because a tool failed.
 */
export async function runTool(log: Logger, name: string, fn: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await fn();
  } catch (err) {
    if (isUserError(err)) return { isError: true, content: [{ type: 'text', text: err.message }] };
    const ref = randomBytes(4).toString('hex');
    log.error({ err, tool: name, ref }, 'an MCP tool failed');
    return { isError: true, content: [{ type: 'text', text: `Something went wrong (ref ${ref}).` }] };
  }
}
