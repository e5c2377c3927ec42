import type { Selectable } from 'kysely';
import { z } from 'zod';
import { ROLES, type Role } from '../domain/statuses';
import type { ApiTokensTable, Queryable } from './db-schema';
import { toJson } from './json-columns';

export const API_SCOPES = ['runs:read', 'runs:write', 'gates:decide', 'audit:read'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** One API token as the app sees it; the secret itself is never stored, only its hash. */
export interface ApiTokenRecord {
  id: string;
  name: string;
  role: Role;
  /** A non-human caller: may propose and reject, never approve its own work. */
  agent: boolean;
  scopes: ApiScope[];
  /** The first characters of the secret, to recognise a token in a list. */
  prefix: string;
  createdBy: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const scopesSchema = z.array(z.enum(API_SCOPES));

/** The one place an api_tokens row becomes an ApiTokenRecord. */
function toApiToken(row: Selectable<ApiTokensTable>): ApiTokenRecord {
  const role = z.enum(ROLES).safeParse(row.role);
  const scopes = scopesSchema.safeParse(row.scopes);
  if (!role.success || !scopes.success) throw new Error(`stored api token ${row.id} is not valid (role or scopes)`);
  return {
    id: row.id,
    name: row.name,
    role: role.data,
    agent: row.agent,
    scopes: scopes.data,
    prefix: row.prefix,
    createdBy: row.created_by,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export interface NewApiToken {
  name: string;
  role: Role;
  agent: boolean;
  scopes: readonly ApiScope[];
  tokenHash: string;
  prefix: string;
  createdBy: string;
}

/** Inserts a token; an active token with the same name makes this fail with `name-taken`. */
export async function insertApiToken(db: Queryable, token: NewApiToken, now: Date): Promise<{ ok: true; token: ApiTokenRecord } | { ok: false; reason: 'name-taken' }> {
  const row = await db
    .insertInto('api_tokens')
    .values({
      name: token.name,
      role: token.role,
      agent: token.agent,
      scopes: toJson([...token.scopes]),
      token_hash: token.tokenHash,
      prefix: token.prefix,
      created_by: token.createdBy,
      created_at: now,
    })
    .onConflict((oc) => oc.column('name').where('revoked_at', 'is', null).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ? { ok: true, token: toApiToken(row) } : { ok: false, reason: 'name-taken' };
}

/** The active (not revoked) token with this secret hash, or null. */
export async function findActiveApiToken(db: Queryable, tokenHash: string): Promise<ApiTokenRecord | null> {
  const row = await db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).executeTakeFirst();
  return row ? toApiToken(row) : null;
}

export async function getApiToken(db: Queryable, id: string): Promise<ApiTokenRecord | null> {
  const row = await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toApiToken(row) : null;
}

/** Every token, newest first; revoked ones only when asked. */
export async function listApiTokens(db: Queryable, opts: { includeRevoked?: boolean } = {}): Promise<ApiTokenRecord[]> {
  let query = db.selectFrom('api_tokens').selectAll().orderBy('id', 'desc');
  if (!opts.includeRevoked) query = query.where('revoked_at', 'is', null);
  return (await query.execute()).map(toApiToken);
}

/** Revokes by id or by name (active tokens only); null when nothing active matched. */
export async function revokeApiToken(db: Queryable, idOrName: string, now: Date): Promise<ApiTokenRecord | null> {
  const byId = /^\d+$/.test(idOrName);
  const row = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where(byId ? 'id' : 'name', '=', idOrName)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  return row ? toApiToken(row) : null;
}

/** Records use at most once a minute per token, so a busy client does not write on every request. */
export async function touchApiToken(db: Queryable, id: string, now: Date): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', new Date(now.getTime() - 60_000))]))
    .execute();
}
