/**
 * Everything the fake Discord remembers: guilds, channels, messages with their edit history,
 * registered commands, interactions and what their users saw, and every REST request. Plain maps;
 * the REST routes and the gateway mutate it and call `changed()` so waiters re-check.
 */
import { EventEmitter } from 'node:events';
import type { APIApplicationCommand, APIMessage, APIRole, APIUser } from 'discord.js';
import { SnowflakeGenerator } from './snowflake';

export interface FakeMember {
  user: APIUser;
  roles: string[];
  joinedAt: string;
}

export interface FakeGuild {
  id: string;
  name: string;
  ownerId: string;
  roles: APIRole[];
  channelIds: string[];
  members: Map<string, FakeMember>;
}

/** Channel types used here: 0 text, 1 DM, 11 public thread, 12 private thread. */
export interface FakeChannel {
  id: string;
  type: number;
  name?: string;
  guildId?: string;
  parentId?: string | null;
  recipients?: APIUser[];
  ownerId?: string;
  position?: number;
}

/** One HTTP request as the fake received it. */
export interface RecordedRequest {
  method: string;
  /** Path below /api/v10, e.g. "/channels/123/messages". */
  path: string;
  query: Record<string, string>;
  body: unknown;
  headers: Record<string, string>;
  at: number;
  /** Status the fake answered with. */
  status?: number;
}

/** An interaction the fake dispatched, and everything the bot did with it. */
export interface InteractionRecord {
  id: string;
  token: string;
  type: number;
  payload: Record<string, unknown>;
  channelId: string;
  guildId?: string;
  /** For components and component-triggered modals: the message the user clicked on. */
  sourceMessageId?: string;
  createdAt: number;
  /** Accepted initial response (callback), if any. */
  callback?: { type: number; data?: unknown };
  originalMessageId?: string;
  originalEdits: unknown[];
  followUpIds: string[];
}

/** The fake's memory. */
export class FakeState {
  readonly ids: SnowflakeGenerator;
  readonly events = new EventEmitter();
  readonly users = new Map<string, APIUser>();
  readonly guilds = new Map<string, FakeGuild>();
  readonly channels = new Map<string, FakeChannel>();
  /** Every message by id, including ephemeral interaction replies. */
  readonly messages = new Map<string, APIMessage>();
  /** Visible order per channel (ephemeral messages are not listed). */
  readonly channelMessages = new Map<string, string[]>();
  /** Earlier versions of edited messages, oldest first. */
  readonly messageHistory = new Map<string, APIMessage[]>();
  readonly globalCommands: APIApplicationCommand[] = [];
  readonly guildCommands = new Map<string, APIApplicationCommand[]>();
  readonly interactions = new Map<string, InteractionRecord>();
  readonly requests: RecordedRequest[] = [];

  constructor(
    readonly botUser: APIUser,
    readonly applicationId: string,
    readonly token: string,
    readonly now: () => number = Date.now,
  ) {
    this.ids = new SnowflakeGenerator(now);
    this.users.set(botUser.id, botUser);
    this.events.setMaxListeners(0);
  }

  /** Wakes every waiter; call after any mutation. */
  changed(): void {
    this.events.emit('change');
  }

  /** Messages of a channel in the order they were posted (oldest first). */
  messagesIn(channelId: string): APIMessage[] {
    return (this.channelMessages.get(channelId) ?? []).map((id) => this.messages.get(id)).filter((m): m is APIMessage => m !== undefined);
  }

  commandsFor(guildId?: string): APIApplicationCommand[] {
    return guildId ? (this.guildCommands.get(guildId) ?? []) : this.globalCommands;
  }

  findInteractionByToken(token: string): InteractionRecord | undefined {
    for (const record of this.interactions.values()) if (record.token === token) return record;
    return undefined;
  }
}
