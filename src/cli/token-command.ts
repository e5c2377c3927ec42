import { userInfo } from 'node:os';
import type { Actor } from '../domain/actor';
import { isUserError } from '../domain/errors';
import { issueApiToken, revokeApiTokenAudited } from '../api/auth/issue-token';
import { listApiTokens, type ApiTokenRecord } from '../store/api-tokens.store';
import type { Database } from '../store/database';
import { parseTokenArgs, TOKEN_USAGE } from './token-args';

export interface TokenIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** The operator at the terminal, as the audit log names them. */
export function cliActor(): Actor {
  let name = 'cli';
  try {
    name = userInfo().username || name;
  } catch {
    // No passwd entry (some containers): "cli" is still a truthful name.
  }
  return { type: 'human', platform: 'console', id: `cli:${name}`, name };
}

/** One line per token: id, name, role, scopes, when created and last used; never a secret. */
export function formatTokenLine(t: ApiTokenRecord): string {
  const used = t.lastUsedAt ? `used ${t.lastUsedAt.toISOString()}` : 'never used';
  const state = t.revokedAt ? `revoked ${t.revokedAt.toISOString()}` : used;
  return `#${t.id}  ${t.name}  ${t.role}${t.agent ? ' (agent)' : ''}  [${t.scopes.join(', ')}]  ${t.prefix}…  created ${t.createdAt.toISOString()}  ${state}`;
}

/** `factory token create|list|revoke`: exit 0, 1 for a refusal (a taken name, an unknown token), 2 for usage. */
export async function runTokenCommand(argv: readonly string[], io: TokenIo, openDatabase: () => Promise<Database>, now: () => Date, actor = cliActor()): Promise<number> {
  const args = parseTokenArgs(argv);
  if (!args.ok) {
    io.err(`${args.error}\n${TOKEN_USAGE}`);
    return 2;
  }
  const database = await openDatabase();
  try {
    const a = args.value;
    if (a.command === 'list') {
      const tokens = await listApiTokens(database.db, { includeRevoked: a.all });
      io.out(tokens.length ? tokens.map(formatTokenLine).join('\n') : 'No API tokens yet: `npm run factory -- token create <name> --role <role> --scopes <scopes>`.');
    } else if (a.command === 'create') {
      const { token, secret } = await issueApiToken(database, { name: a.name, role: a.role, scopes: a.scopes, agent: a.agent, actor }, now());
      io.out(`Created token #${token.id} "${token.name}" (${token.role}${token.agent ? ', agent' : ''}; ${token.scopes.join(', ')}).`);
      io.out(`Secret (shown once; only its hash is kept):\n${secret}`);
    } else {
      const token = await revokeApiTokenAudited(database, a.idOrName, actor, now());
      io.out(`Revoked token #${token.id} "${token.name}".`);
    }
    return 0;
  } catch (error) {
    if (!isUserError(error)) throw error;
    io.err(error.message);
    return 1;
  } finally {
    await database.close();
  }
}
