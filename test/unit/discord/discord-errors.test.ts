import { DiscordAPIError, HTTPError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { DiscordSendError, toSendError } from '../../../adapters/discord/discord-errors';

const apiError = (code: number, status: number, message: string) =>
  new DiscordAPIError({ code, message }, code, status, 'POST', 'http://127.0.0.1/api/v10/channels/1/messages', { files: undefined, body: undefined });

describe('toSendError', () => {
  it.each([
    [10003, 404, 'Unknown Channel'],
    [10008, 404, 'Unknown Message'],
    [50001, 403, 'Missing Access'],
    [50013, 403, 'Missing Permissions'],
    [50007, 403, 'Cannot send messages to this user'],
    [50035, 400, 'Invalid Form Body'],
  ])('GIVEN Discord code %i THEN the outbox must not retry', (code, status, message) => {
    const error = toSendError(apiError(code, status, message), 'post to 1');
    expect(error).toBeInstanceOf(DiscordSendError);
    expect(error).toMatchObject({ retryable: false });
    expect(error.message).toBe(`discord post to 1: HTTP ${status} ${message} (code ${code})`);
  });

  it('GIVEN a 5xx discord.js gave up on THEN it is retryable and names the status', () => {
    const error = toSendError(new HTTPError(503, 'Service Unavailable', 'POST', 'http://x/api/v10/channels/1/messages', { files: undefined, body: undefined }), 'post to 1');
    expect(error).toMatchObject({ retryable: true, message: 'discord post to 1: HTTP 503 Service Unavailable' });
  });

  it('GIVEN another Discord error or a network error THEN it stays retryable', () => {
    expect(toSendError(apiError(40060, 400, 'Interaction has already been acknowledged.'), 'x')).toMatchObject({ retryable: true });
    const network = new Error('socket hang up');
    expect(toSendError(network, 'x')).toBe(network);
    expect(toSendError('odd', 'x').message).toBe('discord x: odd');
  });
});
