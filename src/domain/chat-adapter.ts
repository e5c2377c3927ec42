import type { Card } from './card';
import type { Platform } from './statuses';

/** Where a message goes on one platform. */
export interface ChatTarget {
  channelId: string;
  /** Discord thread channel id or Slack thread_ts. */
  threadId?: string | null;
}

/** Where a message went, so it can be edited later. */
export interface MessageRef {
  platform: Platform;
  channelId: string;
  messageId: string;
  threadId?: string | null;
}

/** The port every chat platform implements. Outbound only; inbound goes through commands/. */
export interface ChatAdapter {
  readonly platform: Platform;
  start(): Promise<void>;
  stop(): Promise<void>;
  post(target: ChatTarget, card: Card): Promise<MessageRef>;
  update(ref: MessageRef, card: Card): Promise<void>;
  dm(userId: string, card: Card): Promise<MessageRef>;
  /** Opens a thread for a run under a message; returns the thread id, or null if unsupported. */
  openThread?(ref: MessageRef, name: string): Promise<string | null>;
}
