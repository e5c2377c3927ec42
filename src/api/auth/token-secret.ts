import { createHash, randomBytes } from 'node:crypto';

/** Every secret starts with this, so secret scanners and people recognise a factory token. */
export const TOKEN_PREFIX = 'pf_';

/** A new random secret (256 bits), shown once to whoever creates the token. */
export function generateTokenSecret(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/**
 * What the database keeps: SHA-256 of the secret. The secret has 256 bits of entropy, so a fast
 * hash is enough (no password stretching needed), and lookups stay one indexed equality.
 */
export function hashTokenSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** The visible start of a secret, for lists ("pf_3kQ9…"). */
export function displayPrefix(secret: string): string {
  return secret.slice(0, TOKEN_PREFIX.length + 6);
}
