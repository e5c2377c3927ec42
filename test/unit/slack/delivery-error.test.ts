import { describe, expect, it } from 'vitest';
import { slackErrorCode, toDeliveryError } from '../../../adapters/slack/delivery-error';

const platformError = (error: string) => Object.assign(new Error(`An API error occurred: ${error}`), { code: 'slack_webapi_platform_error', data: { ok: false, error } });

describe('toDeliveryError', () => {
  it('GIVEN Slack errors another try cannot fix THEN not retryable; passing trouble THEN retryable', () => {
    for (const code of ['channel_not_found', 'not_in_channel', 'message_not_found', 'invalid_blocks', 'msg_blocks_too_long', 'token_revoked']) {
      expect(toDeliveryError(platformError(code), 'chat.postMessage').retryable, code).toBe(false);
    }
    for (const code of ['ratelimited', 'internal_error', 'fatal_error']) expect(toDeliveryError(platformError(code), 'x').retryable, code).toBe(true);
    expect(toDeliveryError(new Error('socket hang up'), 'x').retryable).toBe(true);
    expect(toDeliveryError(new RangeError('renderCard: duplicate action id'), 'x').retryable).toBe(false);
  });

  it('GIVEN a platform error THEN the message names the call and Slack’s code', () => {
    expect(toDeliveryError(platformError('is_archived'), 'chat.update of C1/1.2').message).toBe('Slack chat.update of C1/1.2: is_archived');
    expect(slackErrorCode(platformError('is_archived'))).toBe('is_archived');
    expect(slackErrorCode(new Error('plain'))).toBeUndefined();
  });
});
