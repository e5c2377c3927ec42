import { z } from 'zod';
import { channelId, fail, messageContent, parseArgs, type MethodResult, type Route } from './route-kit';
import { FAKE_TEAM, type FakeMessage, type FakeSlackState } from './state';

const optionalTs = z.string().min(1).optional();
const postMessageArgs = z.object({ channel: channelId, text: z.string().optional(), blocks: z.unknown().optional(), thread_ts: optionalTs });
const updateArgs = z.object({ channel: channelId, ts: z.string().min(1), text: z.string().optional(), blocks: z.unknown().optional() });
const ephemeralArgs = postMessageArgs.extend({ user: z.string().min(1) });

/** The message object Slack returns from chat.postMessage and chat.update. */
export function messageJson(message: FakeMessage): Record<string, unknown> {
  return {
    type: 'message', user: FAKE_TEAM.botUserId, bot_id: FAKE_TEAM.botId, app_id: FAKE_TEAM.appId, team: FAKE_TEAM.id,
    ts: message.ts, text: message.text ?? '', ...(message.blocks ? { blocks: message.blocks } : {}),
    ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
  };
}

/** Appends a message to a channel as chat.postMessage (or a response_url post) would. */
export function postMessage(state: FakeSlackState, m: Pick<FakeMessage, 'channel' | 'text' | 'blocks' | 'threadTs' | 'postedBy'>): FakeMessage {
  const message: FakeMessage = { ...m, ts: state.nextTs(), edits: [], deleted: false };
  state.messagesIn(m.channel).push(message);
  return message;
}

/** Replaces a message's content, keeping the old version in `edits`. */
export function editMessage(state: FakeSlackState, message: FakeMessage, text: string | undefined, blocks: unknown[] | undefined): void {
  message.edits.push({ text: message.text, blocks: message.blocks, at: state.now() });
  message.text = text;
  message.blocks = blocks;
}

export const chatRoutes: Record<string, Route> = {
  'chat.postMessage': {
    token: 'bot',
    handle(raw, { state }): MethodResult {
      const parsed = parseArgs(postMessageArgs, raw);
      if (!parsed.ok) return parsed.result;
      const channel = state.resolveChannel(parsed.args.channel);
      if (!channel) return fail('channel_not_found');
      const content = messageContent(parsed.args);
      if (!content.ok) return content.result;
      const message = postMessage(state, { channel, text: content.text, blocks: content.blocks, threadTs: parsed.args.thread_ts, postedBy: FAKE_TEAM.botUserId });
      return { ok: true, channel, ts: message.ts, message: messageJson(message) };
    },
  },
  'chat.update': {
    token: 'bot',
    handle(raw, { state }): MethodResult {
      const parsed = parseArgs(updateArgs, raw);
      if (!parsed.ok) return parsed.result;
      const channel = state.resolveChannel(parsed.args.channel);
      const message = channel ? state.findMessage(channel, parsed.args.ts) : undefined;
      if (!channel || !message) return fail(channel ? 'message_not_found' : 'channel_not_found');
      if (message.postedBy !== FAKE_TEAM.botUserId && !message.postedBy.startsWith('response_url:')) return fail('cant_update_message');
      const content = messageContent(parsed.args);
      if (!content.ok) return content.result;
      editMessage(state, message, content.text, content.blocks);
      return { ok: true, channel, ts: message.ts, text: message.text ?? '', message: messageJson(message) };
    },
  },
  'chat.postEphemeral': {
    token: 'bot',
    handle(raw, { state }): MethodResult {
      const parsed = parseArgs(ephemeralArgs, raw);
      if (!parsed.ok) return parsed.result;
      const channel = state.resolveChannel(parsed.args.channel);
      if (!channel) return fail('channel_not_found');
      const content = messageContent(parsed.args);
      if (!content.ok) return content.result;
      const ts = state.nextTs();
      state.ephemerals.push({ channel, user: parsed.args.user, ts, text: content.text, blocks: content.blocks, threadTs: parsed.args.thread_ts });
      return { ok: true, message_ts: ts };
    },
  },
};
