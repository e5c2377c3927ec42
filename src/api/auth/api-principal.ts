import type { Actor } from '../../domain/actor';
import type { Role } from '../../domain/statuses';
import type { ApiScope, ApiTokenRecord } from '../../store/api-tokens.store';

/** Who is calling through a programmatic door (REST, MCP): one API token. */
export interface ApiPrincipal {
  tokenId: string;
  name: string;
  role: Role;
  scopes: readonly ApiScope[];
  /** The token as a principal of the audit log and of the permission rules. */
  actor: Actor;
}

/**
 * The actor a token acts as. Its id is `token:<id>` (names can be reused after a revocation, ids
 * never), its roles come from the token, not from factory.config.json. `platform` says which door
 * the call came through ('api' for REST, 'mcp' for the MCP server).
 */
export function principalOf(token: ApiTokenRecord, platform: 'api' | 'mcp' = 'api'): ApiPrincipal {
  const actor: Actor = {
    type: token.agent || token.role === 'agent' ? 'agent' : 'human',
    platform,
    id: `token:${token.id}`,
    name: token.name,
    credentialRoles: [token.role],
  };
  return { tokenId: token.id, name: token.name, role: token.role, scopes: token.scopes, actor };
}
