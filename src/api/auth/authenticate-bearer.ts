import type { Queryable } from '../../store/db-schema';
import { findActiveApiToken, touchApiToken } from '../../store/api-tokens.store';
import { principalOf, type ApiPrincipal } from './api-principal';
import { hashTokenSecret, TOKEN_PREFIX } from './token-secret';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * The principal of an `Authorization: Bearer pf_…` header, or null for a missing, malformed,
 * unknown or revoked token (the caller answers 401 without saying which). `platform` names the
 * door for the audit log.
 */
export async function authenticateBearer(
  db: Queryable,
  authorizationHeader: string | undefined,
  now: Date,
  platform: 'api' | 'mcp' = 'api',
): Promise<ApiPrincipal | null> {
  const secret = authorizationHeader ? BEARER.exec(authorizationHeader)?.[1] : undefined;
  if (!secret || !secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return null;
  const token = await findActiveApiToken(db, hashTokenSecret(secret));
  if (!token) return null;
  await touchApiToken(db, token.id, now);
  return principalOf(token, platform);
}
