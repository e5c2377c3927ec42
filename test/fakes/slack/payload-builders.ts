import { FAKE_TEAM } from './state';

/**
 * Builders for what Slack POSTs to the bot, shaped after the real samples in
 * /work/shared/reference/payloads (PROVENANCE.md): the docs' slash-command signing example and
 * bolt-python's block_actions and view_submission fixtures. `…Payload` gives the object (what
 * Socket Mode carries), `…Body` the form-encoded HTTP body (what HTTP mode receives and signs).
 * Defaults never point outside 127.0.0.1: an unissued response_url goes to the closed port 9.
 */
const UNISSUED_RESPONSE_URL = 'http://127.0.0.1:9/respond/unissued';
const UNISSUED_TRIGGER = '0000000000.0000000000.unissued0000000000000000000000';
const DEFAULT_USER = { id: 'U0FAKEUSR1', username: 'ana', name: 'ana', team_id: FAKE_TEAM.id };
const DEFAULT_CHANNEL = { id: 'C0FAKECHN1', name: 'factory' };

export interface SlashCommandInput {
  command?: string; text?: string; user_id?: string; user_name?: string; channel_id?: string; channel_name?: string;
  team_id?: string; team_domain?: string; response_url?: string; trigger_id?: string; api_app_id?: string; token?: string;
}

/** Fields in the order of Slack's own example, so the docs' signed body can be rebuilt byte for byte. */
export function slashCommandPayload(input: SlashCommandInput = {}): Record<string, string> {
  const fields: Record<string, string | undefined> = {
    token: input.token ?? 'fake-verification-token', team_id: input.team_id ?? FAKE_TEAM.id, team_domain: input.team_domain ?? FAKE_TEAM.domain,
    channel_id: input.channel_id ?? DEFAULT_CHANNEL.id, channel_name: input.channel_name ?? DEFAULT_CHANNEL.name,
    user_id: input.user_id ?? DEFAULT_USER.id, user_name: input.user_name ?? DEFAULT_USER.name, command: input.command ?? '/factory',
    text: input.text ?? '', api_app_id: input.api_app_id, response_url: input.response_url ?? UNISSUED_RESPONSE_URL,
    trigger_id: input.trigger_id ?? UNISSUED_TRIGGER,
  };
  return Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => e[1] !== undefined));
}

/** `token=…&team_id=…&command=%2Ffactory&text=…`, like slack-slash-command.docs-signing-example.body.txt. */
export function slashCommandBody(input: SlashCommandInput = {}): string {
  return new URLSearchParams(slashCommandPayload(input)).toString();
}

type SlackUser = { id: string; username?: string; name?: string; team_id?: string };

export interface BlockActionsInput {
  action_id: string; value?: string; block_id?: string; text?: string;
  user?: string | SlackUser; channel?: string | { id: string; name?: string };
  message?: { ts: string; text?: string; blocks?: unknown[] }; trigger_id?: string; response_url?: string; action_ts?: string;
}

export function blockActionsPayload(input: BlockActionsInput): Record<string, unknown> {
  const user = typeof input.user === 'string' ? { ...DEFAULT_USER, id: input.user } : { ...DEFAULT_USER, ...input.user };
  const channel = typeof input.channel === 'string' ? { id: input.channel, name: DEFAULT_CHANNEL.name } : { ...DEFAULT_CHANNEL, ...input.channel };
  const message = input.message ?? { ts: '1700000000.000100', text: '', blocks: [] };
  return {
    type: 'block_actions', user, api_app_id: FAKE_TEAM.appId, token: 'fake-verification-token',
    container: { type: 'message', message_ts: message.ts, channel_id: channel.id, is_ephemeral: false },
    trigger_id: input.trigger_id ?? UNISSUED_TRIGGER, team: { id: FAKE_TEAM.id, domain: FAKE_TEAM.domain },
    enterprise: null, is_enterprise_install: false, channel,
    message: { bot_id: FAKE_TEAM.botId, type: 'message', user: FAKE_TEAM.botUserId, app_id: FAKE_TEAM.appId, team: FAKE_TEAM.id, text: '', blocks: [], ...message },
    state: { values: {} }, response_url: input.response_url ?? UNISSUED_RESPONSE_URL,
    actions: [{
      action_id: input.action_id, block_id: input.block_id ?? 'actions', text: { type: 'plain_text', text: input.text ?? input.action_id, emoji: true },
      ...(input.value !== undefined ? { value: input.value } : {}), type: 'button', action_ts: input.action_ts ?? `${Math.floor(Date.now() / 1000)}.000000`,
    }],
  };
}

/** `payload=<urlencoded JSON>`, as Slack posts interactivity (reference §B5). */
export function blockActionsBody(input: BlockActionsInput): string {
  return formPayload(blockActionsPayload(input));
}

/** Input values: Slack's own `{block: {action: {type, value}}}` shape, or `{id: 'text'}` when block_id = action_id = id (renderModal's convention). */
export type ViewValues = Record<string, string | null | Record<string, { type: string; value?: string | null }>>;

export interface ViewSubmissionInput {
  callback_id: string; private_metadata?: string; values: ViewValues; user?: string | SlackUser;
  /** The view that was opened (e.g. renderModal's output), to echo its title and blocks. */
  view?: Record<string, unknown>; view_id?: string; trigger_id?: string;
}

export function viewSubmissionPayload(input: ViewSubmissionInput): Record<string, unknown> {
  const user = typeof input.user === 'string' ? { ...DEFAULT_USER, id: input.user } : { ...DEFAULT_USER, ...input.user };
  const values = Object.fromEntries(Object.entries(input.values).map(([blockId, v]) =>
    [blockId, v === null || typeof v === 'string' ? { [blockId]: { type: 'plain_text_input', value: v } } : v]));
  const viewId = input.view_id ?? 'V0FAKEVIEW1';
  return {
    type: 'view_submission', team: { id: FAKE_TEAM.id, domain: FAKE_TEAM.domain }, user, api_app_id: FAKE_TEAM.appId,
    token: 'fake-verification-token', trigger_id: input.trigger_id ?? UNISSUED_TRIGGER,
    view: {
      id: viewId, team_id: FAKE_TEAM.id, type: 'modal', blocks: [], title: { type: 'plain_text', text: 'Process Factory' },
      clear_on_close: false, notify_on_close: false, previous_view_id: null, root_view_id: viewId, app_id: FAKE_TEAM.appId,
      external_id: '', app_installed_team_id: FAKE_TEAM.id, bot_id: FAKE_TEAM.botId, hash: '1700000000.fakehash',
      ...input.view,
      callback_id: input.callback_id, private_metadata: input.private_metadata ?? '', state: { values },
    },
    response_urls: [],
  };
}

export function viewSubmissionBody(input: ViewSubmissionInput): string {
  return formPayload(viewSubmissionPayload(input));
}

function formPayload(payload: Record<string, unknown>): string {
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
