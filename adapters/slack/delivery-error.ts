import { ChatDeliveryError } from '../../src/outbox/delivery-errors';

/**
 * Slack errors that another try cannot fix: the channel or message is gone, the bot may not post
 * there, the token is dead, or Slack refuses the content. Everything else (rate limits, 5xx,
 * timeouts, `internal_error`) is passing trouble the outbox retries with backoff.
 */
const PERMANENT = new Set([
  'channel_not_found', 'not_in_channel', 'is_archived', 'message_not_found', 'cant_update_message', 'edit_window_closed',
  'user_not_found', 'cannot_dm_bot', 'user_disabled', 'restricted_action', 'restricted_action_read_only_channel',
  'missing_scope', 'not_allowed_token_type', 'invalid_auth', 'not_authed', 'account_inactive', 'token_revoked',
  'invalid_blocks', 'invalid_blocks_format', 'msg_too_long', 'msg_blocks_too_long', 'no_text', 'invalid_arguments',
]);

/** The Slack error code of a failed Web API call, when Slack gave one. */
export function slackErrorCode(error: unknown): string | undefined {
  // Duck-typed on web-api's documented error code, so a second copy of the package still matches.
  const e = error as { code?: unknown; data?: { error?: unknown } } | null;
  return e?.code === 'slack_webapi_platform_error' && typeof e.data?.error === 'string' ? e.data.error : undefined;
}

/** Turns a failed Web API call into the outbox's error: retryable unless trying again cannot help. */
export function toDeliveryError(error: unknown, what: string): ChatDeliveryError {
  const code = slackErrorCode(error);
  if (code) return new ChatDeliveryError(`Slack ${what}: ${code}`, { retryable: !PERMANENT.has(code), cause: error });
  if (error instanceof RangeError) {
    // renderCard throws RangeError for programming errors (a bad action id): the same card fails every time.
    return new ChatDeliveryError(`Slack ${what}: ${error.message}`, { retryable: false, cause: error });
  }
  return new ChatDeliveryError(`Slack ${what}: ${error instanceof Error ? error.message : String(error)}`, { retryable: true, cause: error });
}
