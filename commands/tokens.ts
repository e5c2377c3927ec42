import { z } from 'zod';
import { describeAge } from '../src/cards';
import { ephemeral } from './reply';
import { defineCommand } from './types';

/** `/factory tokens`: the active API tokens (never a secret), for admins; created and revoked from the CLI. */
export const tokensCommand = defineCommand({
  name: 'tokens',
  description: 'API tokens: who may drive the factory through REST and MCP (admins)',
  usage: 'tokens',
  permission: 'token.manage',
  options: [],
  schema: z.object({}),
  async handle(ctx) {
    const tokens = await ctx.service.listApiTokens(ctx.actor);
    if (tokens.length === 0) return ephemeral('No API tokens. Create one with `npm run factory -- token create <name> --role <role> --scopes <scopes>`.');
    const lines = tokens.map((t) => {
      const used = t.lastUsedAt ? `used ${describeAge(t.lastUsedAt, ctx.now)} ago` : 'never used';
      return `#${t.id} ${t.name}: ${t.role}${t.agent ? ' (agent)' : ''}, ${t.scopes.join(' ')}, ${t.prefix}…, ${used}`;
    });
    return ephemeral(`API tokens (${tokens.length}):\n${lines.join('\n')}\nRevoke one with \`npm run factory -- token revoke <id>\`.`);
  },
});
