import type { Actor } from '../domain/actor';
import type { Role } from '../domain/statuses';
import type { FileConfig } from '../config-file';

/** Every principal string that names this actor, most specific first. */
export function principalsOf(actor: Actor): string[] {
  const own = [`${actor.platform}:user:${actor.id}`];
  for (const group of actor.groups ?? []) {
    own.push(`${actor.platform}:role:${group}`, `${actor.platform}:group:${group}`);
  }
  own.push('*');
  return own;
}

/**
 * The roles an actor holds. Safe defaults: the console user and the system are owners; without a
 * roles section, platform admins are admins and everyone else reads.
 */
export function resolveRoles(actor: Actor, config: Pick<FileConfig, 'roles' | 'permissions'>): Role[] {
  if (actor.platform === 'console' || actor.type === 'system') return ['owner'];
  if (actor.credentialRoles) return [...actor.credentialRoles];
  const roles = new Set<Role>();
  if (actor.isPlatformAdmin && config.permissions.platform_admins_are_admins) roles.add('admin');
  if (actor.type === 'agent') roles.add('agent');
  const granted = config.roles;
  if (!granted) {
    if (roles.size === 0) roles.add('viewer');
    return [...roles];
  }
  const mine = new Set(principalsOf(actor));
  for (const [role, principals] of Object.entries(granted) as Array<[Role, string[]]>) {
    if (principals.some((p) => mine.has(p))) roles.add(role);
  }
  return [...roles];
}

/** True when a gate's `review.approvers` list (roles or principals) admits this actor. */
export function isNamedApprover(actor: Actor, roles: readonly Role[], approvers: readonly string[] | undefined): boolean {
  if (!approvers || approvers.length === 0) return true;
  if (roles.includes('owner') || roles.includes('admin')) return true;
  const mine = new Set<string>([...principalsOf(actor), ...roles]);
  return approvers.some((a) => mine.has(a));
}
