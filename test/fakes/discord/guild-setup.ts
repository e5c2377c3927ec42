/**
 * Test setup helpers: a guild with text channels and roles (the bot is a member), and DM channels.
 * A guild created while a client is connected reaches it as GUILD_CREATE, as when a bot is invited.
 */
import type { FakeGateway } from './gateway';
import type { FakeGuild, FakeState } from './fake-state';
import { DEFAULT_USER_ID } from './interaction-envelope';
import { buildGuildCreate, buildRole, buildUser } from './payload-builders';

/** VIEW_CHANNEL | SEND_MESSAGES | READ_MESSAGE_HISTORY | USE_APPLICATION_COMMANDS. */
const EVERYONE_PERMISSIONS = (1n << 10n) | (1n << 11n) | (1n << 16n) | (1n << 31n);

export interface CreateGuildOptions {
  name?: string;
  /** Text channel names. Default ["general"]. */
  channels?: string[];
  /** Roles besides @everyone. */
  roles?: Array<{ name: string; permissions?: bigint | string }>;
}

/** Ids of what was created, by name. */
export interface CreatedGuild {
  id: string;
  /** The @everyone role shares the guild id. */
  everyoneRoleId: string;
  channels: Record<string, string>;
  roles: Record<string, string>;
}

export function createGuild(state: FakeState, gateway: FakeGateway, opts: CreateGuildOptions = {}): CreatedGuild {
  const id = state.ids.next();
  const guild: FakeGuild = {
    id,
    name: opts.name ?? 'Process Factory Test',
    ownerId: DEFAULT_USER_ID,
    roles: [buildRole(id, '@everyone', EVERYONE_PERMISSIONS, 0)],
    channelIds: [],
    members: new Map([[state.botUser.id, { user: state.botUser, roles: [], joinedAt: new Date(state.now()).toISOString() }]]),
  };
  const created: CreatedGuild = { id, everyoneRoleId: id, channels: {}, roles: {} };
  (opts.roles ?? []).forEach((role, i) => {
    const roleId = state.ids.next();
    guild.roles.push(buildRole(roleId, role.name, BigInt(role.permissions ?? 0n), i + 1));
    created.roles[role.name] = roleId;
  });
  (opts.channels ?? ['general']).forEach((name, position) => {
    const channelId = state.ids.next();
    state.channels.set(channelId, { id: channelId, type: 0, name, guildId: id, parentId: null, position });
    guild.channelIds.push(channelId);
    created.channels[name] = channelId;
  });
  state.guilds.set(id, guild);
  gateway.dispatch('GUILD_CREATE', buildGuildCreate(state, guild), { intent: 1 });
  state.changed();
  return created;
}

/** A DM channel between the bot and a user (created if needed); returns its id. */
export function createDm(state: FakeState, userId: string, username?: string): string {
  let user = state.users.get(userId);
  if (!user) {
    user = buildUser(userId, username ?? `user-${userId.slice(-4)}`);
    state.users.set(userId, user);
  }
  const existing = [...state.channels.values()].find((c) => c.type === 1 && c.recipients?.[0]?.id === userId);
  if (existing) return existing.id;
  const id = state.ids.next();
  state.channels.set(id, { id, type: 1, recipients: [user] });
  state.changed();
  return id;
}
