import { z } from 'zod';
import type { Result } from '../domain/result';
import { ROLES, type Role } from '../domain/statuses';
import { API_SCOPES, type ApiScope } from '../store/api-tokens.store';

export type TokenArgs =
  | { command: 'create'; name: string; role: Role; scopes: ApiScope[]; agent: boolean }
  | { command: 'list'; all: boolean }
  | { command: 'revoke'; idOrName: string };

export const TOKEN_USAGE = [
  'usage: npm run factory -- token create <name> --role <role> --scopes <scope,...> [--agent]',
  '       npm run factory -- token list [--all]',
  '       npm run factory -- token revoke <id|name>',
  `roles: ${ROLES.join(', ')}; scopes: ${API_SCOPES.join(', ')}`,
].join('\n');

const nameSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/, 'a token name is 1-64 letters, digits, spaces, dots, dashes or underscores');

/** Parses `token ...`; a usage error is one sentence (the caller prints the usage after it). */
export function parseTokenArgs(argv: readonly string[]): Result<TokenArgs> {
  const [command, ...rest] = argv;
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--agent' || arg === '--all') flags.set(arg, true);
    else if (arg === '--role' || arg === '--scopes') flags.set(arg, rest[++i] ?? '');
    else if (arg.startsWith('-')) return { ok: false, error: `Unknown option "${arg}".` };
    else positional.push(arg);
  }
  if (command === 'list') return { ok: true, value: { command, all: flags.has('--all') } };
  if (command === 'revoke') {
    if (positional.length !== 1) return { ok: false, error: 'Name the token to revoke, by id or name.' };
    return { ok: true, value: { command, idOrName: positional[0]! } };
  }
  if (command !== 'create') return { ok: false, error: command ? `Unknown token command "${command}".` : 'Say create, list or revoke.' };
  const name = nameSchema.safeParse(positional.join(' '));
  if (!name.success) return { ok: false, error: `Cannot use that name: ${name.error.issues[0]!.message}.` };
  const role = z.enum(ROLES).safeParse(flags.get('--role'));
  if (!role.success) return { ok: false, error: `--role must be one of ${ROLES.join(', ')}.` };
  const scopes = String(flags.get('--scopes') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const bad = scopes.find((s) => !(API_SCOPES as readonly string[]).includes(s));
  if (scopes.length === 0 || bad) return { ok: false, error: `${bad ? `Unknown scope "${bad}"` : 'Give --scopes'}: choose from ${API_SCOPES.join(', ')}.` };
  return { ok: true, value: { command, name: name.data, role: role.data, scopes: scopes as ApiScope[], agent: flags.has('--agent') } };
}
