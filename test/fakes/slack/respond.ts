import { fail, messageContent, type MethodResult } from './route-kit';
import { editMessage, postMessage } from './routes-chat';
import { SLACK } from './slack-limits';
import type { FakeSlackState } from './state';

const truthy = (value: unknown): boolean => value === true || value === 'true';

/**
 * A POST to a response_url the fake issued (`/respond/<id>`). Stored as sent, then applied as Slack
 * does: `delete_original` / `replace_original` change the message the URL belongs to,
 * `response_type: 'in_channel'` posts a new message, anything else is an ephemeral to the user.
 * A URL works 5 times within 30 minutes (reference §B6, secondary source); the status codes of the
 * refusals (404 + JSON) are this fake's choice, Slack's exact answer could not be confirmed offline.
 */
export function respond(state: FakeSlackState, id: string, body: Record<string, unknown>): { status: number; result: MethodResult } {
  const binding = state.responseUrls.get(id);
  if (!binding) return { status: 404, result: fail('invalid_url') };
  if (state.now() - binding.issuedAt > SLACK.responseUrlTtlMs) return { status: 404, result: fail('expired_url') };
  if (binding.uses >= SLACK.responseUrlUses) return { status: 404, result: fail('used_url') };
  binding.uses += 1;

  const original = binding.channel && binding.messageTs ? state.findMessage(binding.channel, binding.messageTs) : undefined;
  if (truthy(body.delete_original)) {
    state.responses.push({ id, body, at: state.now() });
    if (original) original.deleted = true;
    return { status: 200, result: { ok: true } };
  }
  const text = typeof body.text === 'string' ? body.text : undefined;
  const content = messageContent({ text, blocks: body.blocks });
  if (!content.ok) return { status: 200, result: content.result };
  state.responses.push({ id, body, at: state.now() });

  const threadTs = typeof body.thread_ts === 'string' ? body.thread_ts : undefined;
  if (truthy(body.replace_original) && original) {
    editMessage(state, original, content.text, content.blocks);
  } else if (body.response_type === 'in_channel' && binding.channel) {
    postMessage(state, { channel: binding.channel, text: content.text, blocks: content.blocks, threadTs, postedBy: `response_url:${id}` });
  } else if (binding.channel && binding.user) {
    state.ephemerals.push({ channel: binding.channel, user: binding.user, ts: state.nextTs(), text: content.text, blocks: content.blocks, threadTs });
  }
  return { status: 200, result: { ok: true } };
}
