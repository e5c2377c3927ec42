import type { Platform, Role } from './statuses';

/** Who did something. `id` is platform-scoped (a Discord user id, a Slack user id, "console"). */
export interface Actor {
  type: 'human' | 'agent' | 'system';
  platform: Platform;
  id: string;
  name: string;
  /** Platform groups the actor belongs to (Discord role ids, Slack user group ids), for role mapping. */
  groups?: readonly string[];
  /** True when the platform says this person administers the server or workspace. */
  isPlatformAdmin?: boolean;
  /**
   * Roles granted by the credential itself (an API token's role), used instead of the config's
   * roles mapping. Only the API authentication sets it; chat actors never carry it.
   */
  credentialRoles?: readonly Role[];
}

/** Who a person is, whatever they are called: the platform and its id (two people may share a name). */
export type Principal = Pick<Actor, 'platform' | 'id'>;

/** Whether two actors are the same principal (never decided by display name). */
export function isSamePrincipal(a: Principal, b: Principal): boolean {
  return a.platform === b.platform && a.id === b.id;
}

export const SYSTEM_ACTOR: Actor = { type: 'system', platform: 'system', id: 'system', name: 'Process Factory' };

/** A resolved actor: the roles our permission rules grant them. */
export interface AuthorizedActor extends Actor {
  roles: readonly Role[];
}
