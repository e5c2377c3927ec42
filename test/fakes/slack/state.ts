import { randomBytes } from 'node:crypto';
import { SLACK } from './slack-limits';

/** One message in a channel, with every earlier version kept for assertions on chat.update. */
export interface FakeMessage {
  channel: string;
  ts: string;
  text: string | undefined;
  blocks: unknown[] | undefined;
  threadTs: string | undefined;
  /** Earlier versions, oldest first. */
  edits: Array<{ text: string | undefined; blocks: unknown[] | undefined; at: number }>;
  deleted: boolean;
  /** Who posted: the bot's user id, or the response_url that posted it. */
  postedBy: string;
}

export interface FakeEphemeral { channel: string; user: string; ts: string; text: string | undefined; blocks: unknown[] | undefined; threadTs: string | undefined }
export interface FakeView { id: string; hash: string; view: Record<string, unknown>; triggerId?: string; externalId?: string; userId?: string }
export interface FakeUser { id: string; name: string; real_name?: string; is_bot?: boolean; tz?: string }
export interface FakeResponse { id: string; body: Record<string, unknown>; at: number }
export interface ResponseUrlBinding { id: string; channel?: string; messageTs?: string; user?: string; issuedAt: number; uses: number }

/** The fake workspace's identity, as auth.test reports it. */
export const FAKE_TEAM = { id: 'T0FAKE0001', domain: 'fake-factory', botUserId: 'U0FAKEBOT1', botId: 'B0FAKEBOT1', appId: 'A0FAKEAPP1' } as const;

/** Everything the fake Slack remembers. Tests read it; routes change it. Time comes from `now`. */
export class FakeSlackState {
  readonly channels = new Map<string, FakeMessage[]>();
  readonly ephemerals: FakeEphemeral[] = [];
  readonly views = new Map<string, FakeView>();
  readonly homeViews = new Map<string, FakeView>();
  readonly responses: FakeResponse[] = [];
  readonly users = new Map<string, FakeUser>();
  readonly usergroups = new Map<string, string[]>();
  readonly triggers = new Map<string, { issuedAt: number; used: boolean }>();
  readonly responseUrls = new Map<string, ResponseUrlBinding>();
  /** Scopes of the installed bot token, sent as x-oauth-scopes like Slack does; no `commands` means no slash command. */
  botScopes: string[] = ['commands', 'chat:write', 'chat:write.public', 'im:write', 'users:read', 'usergroups:read'];
  private sequence = 0;

  constructor(readonly now: () => number) {}

  /** Slack-shaped message timestamps: unique and increasing even within one second. */
  nextTs(): string {
    this.sequence += 1;
    return `${Math.floor(this.now() / 1000)}.${String(this.sequence % 1_000_000).padStart(6, '0')}`;
  }

  nextId(prefix: string): string {
    this.sequence += 1;
    return `${prefix}${String(this.sequence).padStart(9, '0')}`;
  }

  /** Channel ids C…, G… and D… exist on first use; a user id means the app's DM with that user. */
  resolveChannel(channel: string): string | null {
    if (/^[UW][A-Z0-9]+$/.test(channel)) return this.dmChannelFor(channel);
    return /^[CGD][A-Z0-9]+$/.test(channel) ? channel : null;
  }

  dmChannelFor(userId: string): string {
    return `D${userId.slice(1)}`;
  }

  messagesIn(channel: string): FakeMessage[] {
    let list = this.channels.get(channel);
    if (!list) this.channels.set(channel, (list = []));
    return list;
  }

  findMessage(channel: string, ts: string): FakeMessage | undefined {
    return this.channels.get(channel)?.find((m) => m.ts === ts && !m.deleted);
  }

  /** A trigger_id as Slack would put in a slash command or click payload; views.open accepts it once, within 3 s. */
  issueTriggerId(): string {
    const id = `${this.nextId('')}.${FAKE_TEAM.id.slice(1)}.${randomBytes(16).toString('hex')}`;
    this.triggers.set(id, { issuedAt: this.now(), used: false });
    return id;
  }

  /** Exchanges a trigger for a view: answers Slack's error code, or null when the trigger is good. */
  useTrigger(triggerId: string): string | null {
    const trigger = this.triggers.get(triggerId);
    if (!trigger) return 'invalid_trigger_id';
    if (trigger.used) return 'exchanged_trigger_id';
    if (this.now() - trigger.issuedAt > SLACK.triggerTtlMs) return 'expired_trigger_id';
    trigger.used = true;
    return null;
  }

  issueResponseUrl(binding: Omit<ResponseUrlBinding, 'id' | 'issuedAt' | 'uses'>): string {
    const id = randomBytes(12).toString('hex');
    this.responseUrls.set(id, { ...binding, id, issuedAt: this.now(), uses: 0 });
    return id;
  }

  storeView(view: Record<string, unknown>, extra: Partial<FakeView>): FakeView {
    const stored: FakeView = { id: this.nextId('V'), hash: `${Math.floor(this.now() / 1000)}.${randomBytes(4).toString('hex')}`, view, ...extra };
    if (typeof view.external_id === 'string' && view.external_id) stored.externalId = view.external_id;
    this.views.set(stored.id, stored);
    return stored;
  }
}
