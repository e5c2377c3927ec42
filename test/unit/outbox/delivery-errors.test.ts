import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatDeliveryError, describeFailure, withSendTimeout } from '../../../src/outbox/delivery-errors';
import { countOutcome, emptyCounts } from '../../../src/outbox/delivery-outcome';

describe('describeFailure', () => {
  it('GIVEN a ChatDeliveryError that says retrying cannot help THEN it is not retryable', () => {
    expect(describeFailure(new ChatDeliveryError('Unknown Channel', { retryable: false }))).toEqual({ error: 'Unknown Channel', retryable: false });
  });

  it("GIVEN an adapter's own error carrying retryable: false THEN it is not retryable either", () => {
    const err = Object.assign(new Error('channel_not_found'), { retryable: false });
    expect(describeFailure(err)).toEqual({ error: 'channel_not_found', retryable: false });
  });

  it('GIVEN any other error or thrown value THEN it is passing trouble, retried', () => {
    expect(describeFailure(new Error('socket hang up'))).toEqual({ error: 'socket hang up', retryable: true });
    expect(describeFailure('boom')).toEqual({ error: 'boom', retryable: true });
    expect(describeFailure(new TypeError(''))).toEqual({ error: 'TypeError', retryable: true });
  });
});

describe('withSendTimeout', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('GIVEN a send that answers in time THEN its value comes through', async () => {
    await expect(withSendTimeout(Promise.resolve('m-1'), 1_000, 'discord post')).resolves.toBe('m-1');
  });

  it('GIVEN a send that hangs THEN it fails, retryable, after the limit', async () => {
    vi.useFakeTimers();
    const hung = withSendTimeout(new Promise<never>(() => undefined), 30_000, 'slack post');
    const settled = expect(hung).rejects.toMatchObject({ name: 'ChatDeliveryError', retryable: true, message: 'slack post did not answer within 30 s' });
    await vi.advanceTimersByTimeAsync(30_000);
    await settled;
  });
});

describe('countOutcome', () => {
  it('GIVEN every label THEN superseded counts as sent and dead as failed', () => {
    const counts = emptyCounts();
    for (const label of ['sent', 'superseded', 'deferred', 'failed', 'dead'] as const) countOutcome(counts, label);
    expect(counts).toEqual({ sent: 2, failed: 2, deferred: 1 });
  });
});
