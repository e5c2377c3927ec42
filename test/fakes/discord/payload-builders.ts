/**
 * Builds the API objects the fake hands out (users, roles, members, channels, GUILD_CREATE,
 * messages) in the shapes discord.js 14 parses. Fields discord.js reads unguarded are always set.
 */
import type { APIMessage, APIRole, APIUser } from 'discord.js';
import type { FakeChannel, FakeGuild, FakeMember, FakeState } from './fake-state';

/** A user object as the API returns it. */
export function buildUser(id: string, username: string, opts: { bot?: boolean; globalName?: string | null } = {}): APIUser {
  return { id, username, discriminator: '0', global_name: opts.globalName ?? null, avatar: null, public_flags: 0 as APIUser['public_flags'], ...(opts.bot ? { bot: true } : {}) };
}

export function buildRole(id: string, name: string, permissions: bigint, position: number): APIRole {
  return { id, name, color: 0, colors: { primary_color: 0, secondary_color: null, tertiary_color: null }, hoist: false, icon: null, unicode_emoji: null, position, permissions: permissions.toString(), managed: false, mentionable: true, flags: 0 as APIRole['flags'] };
}

export function buildMember(member: FakeMember, permissions?: string): Record<string, unknown> {
  return {
    user: member.user,
    roles: member.roles,
    nick: null,
    avatar: null,
    premium_since: null,
    joined_at: member.joinedAt,
    pending: false,
    is_pending: false,
    mute: false,
    deaf: false,
    flags: 0,
    ...(permissions === undefined ? {} : { permissions }),
  };
}

/** A channel object (GET /channels/:id, GUILD_CREATE.channels, THREAD_CREATE). */
export function buildChannel(channel: FakeChannel): Record<string, unknown> {
  const base: Record<string, unknown> = { id: channel.id, type: channel.type, flags: 0, last_message_id: null };
  if (channel.type === 1) return { ...base, recipients: channel.recipients ?? [] };
  Object.assign(base, { guild_id: channel.guildId, name: channel.name, parent_id: channel.parentId ?? null, nsfw: false, permission_overwrites: [] });
  if (channel.type === 11 || channel.type === 12) {
    return { ...base, owner_id: channel.ownerId, thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString(), locked: false }, message_count: 0, member_count: 1, rate_limit_per_user: 0 };
  }
  return { ...base, position: channel.position ?? 0, topic: null, rate_limit_per_user: 0 };
}

/** The GUILD_CREATE dispatch data (roles, channels, minimal members: the bot and known users). */
export function buildGuildCreate(state: FakeState, guild: FakeGuild): Record<string, unknown> {
  const channels = guild.channelIds.map((id) => state.channels.get(id)).filter((c): c is FakeChannel => c !== undefined);
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId,
    application_id: null,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
    premium_tier: 0,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    preferred_locale: 'en-US',
    features: [],
    emojis: [],
    stickers: [],
    roles: guild.roles,
    joined_at: new Date().toISOString(),
    large: false,
    unavailable: false,
    member_count: guild.members.size,
    voice_states: [],
    members: [...guild.members.values()].map((m) => buildMember(m)),
    channels: channels.filter((c) => c.type !== 11 && c.type !== 12).map(buildChannel),
    threads: channels.filter((c) => c.type === 11 || c.type === 12).map(buildChannel),
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

/** A message as the bot's REST call would get it back. Only known message fields are copied. */
export function buildMessage(state: FakeState, channelId: string, body: Record<string, unknown>, extra: Partial<APIMessage> = {}): APIMessage {
  return {
    id: state.ids.next(),
    channel_id: channelId,
    type: 0,
    author: state.botUser,
    content: typeof body.content === 'string' ? body.content : '',
    timestamp: new Date(state.now()).toISOString(),
    edited_timestamp: null,
    tts: Boolean(body.tts),
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: normalizeEmbeds(body.embeds),
    components: Array.isArray(body.components) ? structuredClone(body.components) : [],
    pinned: false,
    flags: typeof body.flags === 'number' ? body.flags : 0,
    ...extra,
  } as APIMessage;
}

/** Applies a PATCH body to a message: only the fields the body names change. */
export function applyMessageEdit(message: APIMessage, body: Record<string, unknown>, now: number): APIMessage {
  const next = structuredClone(message);
  if ('content' in body) next.content = typeof body.content === 'string' ? body.content : '';
  if ('embeds' in body) next.embeds = normalizeEmbeds(body.embeds);
  if ('components' in body) next.components = Array.isArray(body.components) ? structuredClone(body.components) : [];
  if (typeof body.flags === 'number') next.flags = body.flags;
  next.edited_timestamp = new Date(now).toISOString();
  return next;
}

function normalizeEmbeds(embeds: unknown): APIMessage['embeds'] {
  if (!Array.isArray(embeds)) return [];
  return embeds.map((e) => ({ type: 'rich', ...(e as object) })) as APIMessage['embeds'];
}
