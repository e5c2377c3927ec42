import type { Actor } from '../../domain/actor';
import { UserError } from '../../domain/errors';
import type { Role } from '../../domain/statuses';
import { appendAudit } from '../../store/audit.store';
import type { Database } from '../../store/database';
import { insertApiToken, revokeApiToken, type ApiScope, type ApiTokenRecord } from '../../store/api-tokens.store';
import { transaction } from '../../store/transaction';
import { displayPrefix, generateTokenSecret, hashTokenSecret } from './token-secret';

export interface IssueTokenInput {
  name: string;
  role: Role;
  scopes: readonly ApiScope[];
  agent?: boolean;
  /** Who creates it (the operator at the CLI), for the row and the audit log. */
  actor: Actor;
}

/** Creates a token and returns its secret, the only time it is ever visible. Audited. */
export async function issueApiToken(database: Database, input: IssueTokenInput, now: Date): Promise<{ token: ApiTokenRecord; secret: string }> {
  const secret = generateTokenSecret();
  return transaction(database, async (trx) => {
    const inserted = await insertApiToken(
      trx,
      {
        name: input.name,
        role: input.role,
        agent: input.agent ?? false,
        scopes: [...new Set(input.scopes)],
        tokenHash: hashTokenSecret(secret),
        prefix: displayPrefix(secret),
        createdBy: `${input.actor.platform}:${input.actor.id}`,
      },
      now,
    );
    if (!inserted.ok) throw new UserError('invalid_arguments', `An active token is already named "${input.name}": revoke it first or pick another name.`);
    const { token } = inserted;
    await appendAudit(trx, {
      at: now,
      actor: input.actor,
      action: 'token.created',
      entityType: 'token',
      entityId: token.id,
      metadata: { name: token.name, role: token.role, agent: token.agent, scopes: token.scopes },
    });
    return { token, secret };
  });
}

/** Revokes an active token by id or name; requests with it fail from now on. Audited. */
export async function revokeApiTokenAudited(database: Database, idOrName: string, actor: Actor, now: Date): Promise<ApiTokenRecord> {
  return transaction(database, async (trx) => {
    const token = await revokeApiToken(trx, idOrName, now);
    if (!token) throw new UserError('invalid_arguments', `No active token has the id or name "${idOrName}". \`token list\` shows them.`);
    await appendAudit(trx, { at: now, actor, action: 'token.revoked', entityType: 'token', entityId: token.id, metadata: { name: token.name } });
    return token;
  });
}
