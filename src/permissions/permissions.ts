import type { Actor } from '../domain/actor';
import type { Role } from '../domain/statuses';

/** What an actor may do. Commands declare the permission they need; roles grant permissions. */
export const PERMISSIONS = ['read', 'run.create', 'run.cancel', 'block.retry', 'gate.decide', 'gate.claim', 'autonomy.set', 'schedule.manage', 'token.manage', 'webhook.manage'] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  owner: PERMISSIONS,
  admin: PERMISSIONS,
  operator: ['read', 'run.create', 'run.cancel', 'block.retry', 'gate.claim'],
  reviewer: ['read', 'gate.decide', 'gate.claim'],
  viewer: ['read'],
  // A program acting on its own: it may start runs, propose (claim) and reject; approving its own
  // run or its own work is refused by the service (see src/runner/agent-self-approval.ts).
  agent: ['read', 'run.create', 'gate.decide', 'gate.claim'],
};

/** The least role that grants a permission, for refusal messages. */
const LEAST_ROLE: Record<Permission, Role> = {
  read: 'viewer',
  'run.create': 'operator',
  'run.cancel': 'operator',
  'block.retry': 'operator',
  'gate.decide': 'reviewer',
  'gate.claim': 'reviewer',
  'autonomy.set': 'admin',
  'schedule.manage': 'admin',
  'token.manage': 'admin',
  'webhook.manage': 'admin',
};

const DESCRIBE: Record<Permission, string> = {
  read: 'Reading pipeline state',
  'run.create': 'Starting a run',
  'run.cancel': 'Cancelling a run',
  'block.retry': 'Retrying a block',
  'gate.decide': 'Deciding a gate',
  'gate.claim': 'Claiming a gate',
  'autonomy.set': 'Changing a run’s autonomy',
  'schedule.manage': 'Pausing or resuming a schedule',
  'token.manage': 'Seeing and managing API tokens',
  'webhook.manage': 'Managing outbound webhooks',
};

export function rolesGrant(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((role) => GRANTS[role].includes(permission));
}

/** The sentence shown (ephemeral) when a permission is missing. */
export function describeRefusal(actor: Actor, roles: readonly Role[], permission: Permission, configured: boolean): string {
  const need = LEAST_ROLE[permission];
  const have = roles.length > 0 ? roles.join(', ') : 'no role';
  const base = `${DESCRIBE[permission]} needs the ${need} role (or admin or owner); you have ${have}.`;
  if (configured) return `${base} Ask an admin to grant it in factory.config.json under roles.${need}.`;
  const example =
    actor.platform === 'discord'
      ? `"discord:role:<role id>"`
      : actor.platform === 'slack'
        ? `"slack:group:<user group id>" or "slack:user:${actor.id}"`
        : `"${actor.platform}:user:${actor.id}"`;
  return `${base} No roles are configured yet, so only server and workspace admins may act: add roles.${need} with ${example} to factory.config.json.`;
}
