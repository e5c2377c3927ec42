/**
 * What a test holds after dispatching an interaction: await the bot's initial response, then read
 * what the user sees (the original response after edits, follow-ups), all from the fake's state.
 */
import type { APIMessage } from 'discord.js';
import type { FakeState, InteractionRecord } from './fake-state';
import { DEFAULT_WAIT_MS, waitForState } from './wait-for';

/** The initial response as the bot sent it to /callback. */
export interface InteractionCallback {
  type: number;
  data?: unknown;
}

export class InteractionHandle {
  constructor(
    private readonly state: FakeState,
    private readonly record: InteractionRecord,
  ) {}

  get id(): string {
    return this.record.id;
  }

  get token(): string {
    return this.record.token;
  }

  /** The INTERACTION_CREATE payload as dispatched. */
  get payload(): Record<string, unknown> {
    return this.record.payload;
  }

  /** Resolves with the callback body (type 4, 5, 6, 7, 8 or 9) once the bot acknowledges. */
  reply(timeoutMs = DEFAULT_WAIT_MS): Promise<InteractionCallback> {
    return waitForState(this.state, () => this.record.callback, `the callback of interaction ${this.id}`, timeoutMs);
  }

  /** The original response message as the user sees it now (after edits), if any. */
  get original(): APIMessage | undefined {
    return this.record.originalMessageId ? this.state.messages.get(this.record.originalMessageId) : undefined;
  }

  /** Bodies of every PATCH to `@original`, in order. */
  get originalEdits(): readonly unknown[] {
    return this.record.originalEdits;
  }

  /** Resolves with the original message once it has been edited `count` times. */
  waitForEdit(count = 1, timeoutMs = DEFAULT_WAIT_MS): Promise<APIMessage> {
    return waitForState(this.state, () => (this.record.originalEdits.length >= count ? this.original : undefined), `edit #${count} of interaction ${this.id}`, timeoutMs);
  }

  /** Follow-up messages (POST /webhooks/:app/:token), current versions. */
  get followUps(): APIMessage[] {
    return this.record.followUpIds.map((id) => this.state.messages.get(id)).filter((m): m is APIMessage => m !== undefined);
  }

  waitForFollowUp(count = 1, timeoutMs = DEFAULT_WAIT_MS): Promise<APIMessage> {
    return waitForState(this.state, () => this.followUps[count - 1], `follow-up #${count} of interaction ${this.id}`, timeoutMs);
  }

  /** True when the original response is only visible to the user who acted. */
  get ephemeral(): boolean {
    return ((this.original?.flags ?? 0) & (1 << 6)) !== 0;
  }
}
