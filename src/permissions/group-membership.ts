import type { Actor } from '../domain/actor';
import type { FileConfig } from '../config-file';
import { principalsOf, resolveRoles } from './resolve-roles';

type MembershipConfig = Pick<FileConfig, 'roles' | 'permissions'> & Partial<Pick<FileConfig, 'groups'>>;

/**
 * The quorum groups (of `names`) a person belongs to: a config group lists them (by user, platform
 * role or user group principal), or the name is a role they hold. Pure.
 */
export function groupsOf(actor: Actor, names: readonly string[], config: MembershipConfig): string[] {
  if (names.length === 0) return [];
  const mine = new Set(principalsOf(actor));
  const roles = new Set<string>(resolveRoles(actor, config));
  return names.filter((name) => {
    const members = config.groups?.[name];
    if (members) return members.some((p) => mine.has(p));
    return roles.has(name);
  });
}
