import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Actor } from '../../src/domain/actor';
import { slackErrorCode } from './delivery-error';
import { TtlCache } from './ttl-cache';

export interface SlackActorResolverOptions {
  client: webApi.WebClient;
  /** The user groups the config file names ("slack:group:<id>"); membership in others grants nothing. */
  groupIds: readonly string[];
  now: () => Date;
  log: Logger;
  /** How long a person's name and admin flag are reused. Default 5 minutes. */
  userTtlMs?: number;
  /** How long a group's member list is reused. Default 60 s, so a removal takes effect quickly. */
  groupTtlMs?: number;
}

interface UserFacts {
  name: string | undefined;
  isPlatformAdmin: boolean;
}

/**
 * Who clicked or typed: the Slack user id, a display name (users.info), the configured user
 * groups they are in (usergroups.users.list per configured group) and whether they administer the
 * workspace (is_admin / is_owner). Lookups are cached briefly and never fail the request: when
 * Slack cannot answer, the payload's name is used, and no group or admin flag is assumed (the
 * permission check then errs on the side of refusing).
 */
export class SlackActorResolver {
  private readonly users: TtlCache<string, Promise<UserFacts>>;
  private readonly groups: TtlCache<string, Promise<ReadonlySet<string>>>;

  constructor(private readonly opts: SlackActorResolverOptions) {
    this.users = new TtlCache(opts.userTtlMs ?? 5 * 60_000, opts.now);
    this.groups = new TtlCache(opts.groupTtlMs ?? 60_000, opts.now);
  }

  async resolve(userId: string, payloadName?: string): Promise<Actor> {
    const [facts, groups] = await Promise.all([this.userFacts(userId), this.groupsOf(userId)]);
    return {
      type: 'human',
      platform: 'slack',
      id: userId,
      name: facts.name ?? payloadName ?? userId,
      groups,
      isPlatformAdmin: facts.isPlatformAdmin,
    };
  }

  private userFacts(userId: string): Promise<UserFacts> {
    // Promises are cached, so concurrent clicks by one person cost one lookup.
    return this.cached(this.users, userId, async () => {
      const { user } = await this.opts.client.users.info({ user: userId });
      const profile = user?.profile;
      const name = profile?.display_name || profile?.real_name || user?.real_name || user?.name || undefined;
      return { name, isPlatformAdmin: Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner) };
    }, { name: undefined, isPlatformAdmin: false }, `users.info ${userId}`);
  }

  private async groupsOf(userId: string): Promise<string[]> {
    const lists = await Promise.all(
      this.opts.groupIds.map(async (groupId) => {
        const members = await this.cached(this.groups, groupId, async () => {
          const result = await this.opts.client.usergroups.users.list({ usergroup: groupId });
          return new Set(result.users ?? []);
        }, new Set<string>(), `usergroups.users.list ${groupId}`);
        return members.has(userId) ? [groupId] : [];
      }),
    );
    return lists.flat();
  }

  private async cached<T>(cache: TtlCache<string, Promise<T>>, key: string, load: () => Promise<T>, fallback: T, what: string): Promise<T> {
    let pending = cache.get(key);
    if (!pending) {
      pending = load();
      cache.set(key, pending);
    }
    try {
      return await pending;
    } catch (error) {
      const code = slackErrorCode(error);
      // Slack's own answer (no_such_subteam, user_not_found) holds for a while: remember the
      // fallback, so a mistyped group id costs one call per TTL, not one per request. Passing
      // trouble (5xx, timeouts) is forgotten, and the next request asks again.
      if (code) cache.set(key, Promise.resolve(fallback));
      else if (cache.get(key) === pending) cache.delete(key);
      this.opts.log.warn({ err: error, code }, `${what} failed; going on without it`);
      return fallback;
    }
  }
}
