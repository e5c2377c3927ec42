import type { Card } from '../../../src/domain/card';
import type { ChatAdapter, ChatTarget, MessageRef } from '../../../src/domain/chat-adapter';
import type { Platform } from '../../../src/domain/statuses';
import { ChatDeliveryError } from '../../../src/outbox';

/**
 * A chat platform in memory, behind the real ChatAdapter port. It records every post, edit, DM and
 * thread; it can fail the next N calls, and it can hold sends in flight (to test stop()).
 */
export class FakeChatAdapter implements ChatAdapter {
  readonly posts: Array<{ target: ChatTarget; card: Card; ref: MessageRef }> = [];
  readonly updates: Array<{ ref: MessageRef; card: Card }> = [];
  readonly dms: Array<{ userId: string; card: Card; ref: MessageRef }> = [];
  readonly threads: Array<{ under: MessageRef; name: string; threadId: string }> = [];
  /** Every call that reached the platform, failed or not. */
  attempts = 0;
  private readonly failures: Error[] = [];
  private readonly messages = new Set<string>();
  private readonly listeners: Array<() => void> = [];
  private held: Promise<void> | undefined;
  private nextId = 1;

  constructor(
    readonly platform: Platform,
    private readonly opts: { threads?: boolean } = {},
  ) {}

  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  /** The next `count` calls throw `error` (default: a passing outage). */
  failNext(count: number, error: Error = new Error(`${this.platform} is unavailable (503)`)): this {
    for (let i = 0; i < count; i++) this.failures.push(error);
    return this;
  }

  /** Sends wait until the returned function is called. */
  holdSends(): () => void {
    let release!: () => void;
    this.held = new Promise<void>((resolve) => (release = resolve));
    return () => {
      this.held = undefined;
      release();
    };
  }

  /** Resolves once `check()` holds after some call (checked at once too). */
  waitFor(check: () => boolean): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve) => {
      const listener = () => {
        if (!check()) return;
        this.listeners.splice(this.listeners.indexOf(listener), 1);
        resolve();
      };
      this.listeners.push(listener);
    });
  }

  async post(target: ChatTarget, card: Card): Promise<MessageRef> {
    await this.attempt();
    const ref = this.newRef(target.channelId, target.threadId ?? null);
    this.posts.push({ target, card, ref });
    return this.done(ref);
  }

  async update(ref: MessageRef, card: Card): Promise<void> {
    await this.attempt();
    if (!this.messages.has(ref.messageId)) throw new ChatDeliveryError(`unknown message ${ref.messageId}`, { retryable: false });
    this.updates.push({ ref, card });
    this.done(undefined);
  }

  async dm(userId: string, card: Card): Promise<MessageRef> {
    await this.attempt();
    const ref = this.newRef(`dm-${userId}`, null);
    this.dms.push({ userId, card, ref });
    return this.done(ref);
  }

  async openThread(ref: MessageRef, name: string): Promise<string | null> {
    await this.attempt();
    if (this.opts.threads === false) return null;
    const threadId = `${ref.messageId}-thread`;
    this.threads.push({ under: ref, name, threadId });
    return this.done(threadId);
  }

  private async attempt(): Promise<void> {
    this.attempts += 1;
    this.notify();
    if (this.held) await this.held;
    const failure = this.failures.shift();
    if (failure) throw failure;
  }

  private newRef(channelId: string, threadId: string | null): MessageRef {
    const messageId = `${this.platform}-m${this.nextId++}`;
    this.messages.add(messageId);
    return { platform: this.platform, channelId, messageId, threadId };
  }

  private done<T>(value: T): T {
    this.notify();
    return value;
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
