/**
 * Outbound failures as the outbox needs them: a Discord answer that no retry can change (the
 * channel or message is gone, the bot lacks access, the payload is invalid) is marked
 * `retryable: false`; anything else (5xx after discord.js's own retries, timeouts, network) is
 * rethrown as it is and retried with backoff. 429s never get here: discord.js waits them out.
 */
import { DiscordAPIError } from 'discord.js';

/** Discord JSON error codes that mean "trying again cannot help". DDOCS topics/opcodes-and-status-codes.mdx. */
const PERMANENT_CODES = new Set([
  10003, // Unknown Channel
  10008, // Unknown Message
  10013, // Unknown User
  50001, // Missing Access
  50005, // Cannot edit a message authored by another user
  50007, // Cannot send messages to this user (DMs closed)
  50008, // Cannot send messages in a non-text channel
  50013, // Missing Permissions
  50035, // Invalid Form Body: the same payload fails the same way
  160005, // Thread is locked
]);

/** Thrown for a failure the outbox must not retry; read by duck typing (`retryable === false`). */
export class DiscordSendError extends Error {
  override readonly name = 'DiscordSendError';
  readonly retryable: boolean;

  constructor(message: string, opts: { retryable: boolean; cause?: unknown }) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.retryable = opts.retryable;
  }
}

/** True for a Discord API error with this JSON code. */
export function hasDiscordCode(error: unknown, code: number): boolean {
  return error instanceof DiscordAPIError && error.code === code;
}

/** Rethrows `error`, marked permanent when Discord said no retry can help. */
export function toSendError(error: unknown, what: string): Error {
  if (error instanceof DiscordAPIError && typeof error.code === 'number' && PERMANENT_CODES.has(error.code)) {
    return new DiscordSendError(`discord ${what}: ${error.message} (code ${error.code})`, { retryable: false, cause: error });
  }
  return error instanceof Error ? error : new Error(`discord ${what}: ${String(error)}`);
}
