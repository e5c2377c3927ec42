/**
 * The envelope shared by every INTERACTION_CREATE: who clicked (a guild member with roles and
 * permissions, or a user in a DM), where (channel + guild), and the top-level fields discord.js
 * 14.28 reads unguarded (`channel`, `entitlements`, `authorizing_integration_owners`, ...).
 */
import type { FakeChannel, FakeState } from './fake-state';
import { buildChannel, buildMember, buildUser } from './payload-builders';

/** ADMINISTRATOR permission bit (1 << 3). */
export const ADMINISTRATOR = 1n << 3n;

/** Who acts and where. Every dispatched interaction takes these. */
export interface InteractionActor {
  /** Guild text channel, thread or DM channel id. Button/modal interactions default to the clicked message's channel. */
  channelId?: string;
  /** Defaults to a fixed test user "alice". Unknown ids are created as users (and guild members). */
  userId?: string;
  username?: string;
  /** Role ids of the member; they must exist in the guild (create them with createGuild). */
  roles?: string[];
  /** Member permission bitfield. Defaults to the OR of @everyone and the given roles. */
  permissions?: bigint | string;
  /** Adds ADMINISTRATOR to the permissions. */
  administrator?: boolean;
  locale?: string;
}

export const DEFAULT_USER_ID = '190000000000000001';

/** Builds the envelope fields; the caller adds `id`, `token`, `type`, `data` (and `message`). */
export function buildEnvelope(state: FakeState, actor: InteractionActor, channelId: string): { envelope: Record<string, unknown>; channel: FakeChannel } {
  const channel = state.channels.get(channelId);
  if (!channel) throw new Error(`fake-discord: unknown channel ${channelId}; create it with createGuild() or createDm()`);
  const userId = actor.userId ?? DEFAULT_USER_ID;
  let user = state.users.get(userId);
  if (!user) {
    user = buildUser(userId, actor.username ?? (userId === DEFAULT_USER_ID ? 'alice' : `user-${userId.slice(-4)}`));
    state.users.set(userId, user);
  }
  const common = {
    application_id: state.applicationId,
    version: 1,
    channel_id: channel.id,
    locale: actor.locale ?? 'en-US',
    entitlements: [],
    attachment_size_limit: 10_485_760,
    app_permissions: '2248473465835073',
  };
  if (!channel.guildId) {
    const dm = { ...buildChannel(channel), recipients: [user] };
    return { channel, envelope: { ...common, user, channel: dm, context: 1, authorizing_integration_owners: { '0': userId } } };
  }
  const guild = state.guilds.get(channel.guildId);
  if (!guild) throw new Error(`fake-discord: channel ${channelId} names unknown guild ${channel.guildId}`);
  const roles = actor.roles ?? [];
  for (const roleId of roles) {
    if (!guild.roles.some((r) => r.id === roleId)) throw new Error(`fake-discord: role ${roleId} is not in guild ${guild.id}; add it via createGuild({ roles })`);
  }
  // Joining here mirrors a real member who exists before they click; GUILD_CREATE listed the rest.
  const member = guild.members.get(userId) ?? { user, roles, joinedAt: new Date(state.now()).toISOString() };
  member.roles = roles;
  guild.members.set(userId, member);
  const everyone = guild.roles.find((r) => r.id === guild.id);
  let permissions = actor.permissions !== undefined ? BigInt(actor.permissions) : [everyone?.id, ...roles].reduce((acc, id) => acc | BigInt(guild.roles.find((r) => r.id === id)?.permissions ?? '0'), 0n);
  if (actor.administrator) permissions |= ADMINISTRATOR;
  return {
    channel,
    envelope: {
      ...common,
      guild_id: guild.id,
      guild: { id: guild.id, locale: 'en-US', features: [] },
      guild_locale: 'en-US',
      member: buildMember(member, permissions.toString()),
      channel: { ...buildChannel(channel), permissions: permissions.toString() },
      context: 0,
      authorizing_integration_owners: { '0': guild.id },
    },
  };
}
