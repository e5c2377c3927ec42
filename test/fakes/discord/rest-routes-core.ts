/**
 * Routes every bot touches on start and for DMs: GET /gateway/bot (how discord.js finds the
 * gateway: the `url` it returns is the fake's ws URL), users, DM channels, GET /channels/:id.
 */
import { isRecord } from './form-errors';
import { buildChannel } from './payload-builders';
import { jsonError, ok, route, type Route } from './rest-router';

export const coreRoutes: Route[] = [
  route('GET', '/gateway/bot', ({ gateway }) =>
    ok({
      url: gateway.url,
      shards: 1,
      // reset_after doubles as discord.js's cache lifetime for this answer.
      session_start_limit: { total: 1000, remaining: 1000 - gateway.sessionsStarted, reset_after: 14_400_000, max_concurrency: 1 },
    }),
  ),
  route('GET', '/gateway', ({ gateway }) => ok({ url: gateway.url })),
  route('GET', '/users/@me', ({ state }) => ok(state.botUser)),
  route('GET', '/users/:userId', ({ state, params }) => {
    const user = state.users.get(params.userId ?? '');
    return user ? ok(user) : jsonError(404, 10013, 'Unknown User');
  }),
  route('GET', '/applications/@me', ({ state }) => ok({ id: state.applicationId, name: state.botUser.username, flags: 0, bot: state.botUser })),
  route('POST', '/users/@me/channels', ({ state, body }) => {
    const recipientId = isRecord(body) ? body.recipient_id : undefined;
    const recipient = typeof recipientId === 'string' ? state.users.get(recipientId) : undefined;
    if (!recipient) return { status: 400, body: { code: 50035, message: 'Invalid Form Body', errors: { recipient_id: { _errors: [{ code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }] } } } };
    // Discord returns the same DM channel for the same recipient.
    let channel = [...state.channels.values()].find((c) => c.type === 1 && c.recipients?.[0]?.id === recipient.id);
    if (!channel) {
      channel = { id: state.ids.next(), type: 1, recipients: [recipient] };
      state.channels.set(channel.id, channel);
      state.changed();
    }
    return ok(buildChannel(channel));
  }),
  route('GET', '/channels/:channelId', ({ state, params }) => {
    const channel = state.channels.get(params.channelId ?? '');
    return channel ? ok(buildChannel(channel)) : jsonError(404, 10003, 'Unknown Channel');
  }),
  route('GET', '/guilds/:guildId/roles', ({ state, params }) => {
    const guild = state.guilds.get(params.guildId ?? '');
    return guild ? ok(guild.roles) : jsonError(404, 10004, 'Unknown Guild');
  }),
];
