/**
 * Outbound failures as the outbox needs them: a Discord answer that no retry can change (the
 * channel or message is gone, the bot lacks access, the payload is invalid) is marked
 * `retryable: false`; anything else (5xx after discord.js's own retries, timeouts, network) is
 * rethrown as it is and retried with backoff. 429s never get here: discord.js waits them out.
 */
import { DiscordAPIError, HTTPError } from 'discord.js';

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

/**
 * The error to throw for a failed send: marked permanent when Discord said no retry can help,
 * and worded with what was sent and the HTTP status, because it ends up in the outbox's
 * last_error where an operator reads it.
 */
export function toSendError(error: unknown, what: string): Error {
  if (error instanceof DiscordSendError) return error;
  if (error instanceof DiscordAPIError) {
    const permanent = typeof error.code === 'number' && PERMANENT_CODES.has(error.code);
    return new DiscordSendError(`discord ${what}: HTTP ${error.status} ${error.message} (code ${error.code})`, { retryable: !permanent, cause: error });
  }
  if (error instanceof HTTPError) {
    // discord.js already retried this 5xx; the outbox tries again later with backoff.
    return new DiscordSendError(`discord ${what}: HTTP ${error.status} ${error.message}`, { retryable: true, cause: error });
  }
  return error instanceof Error ? error : new Error(`discord ${what}: ${String(error)}`);
}
