import { describe, expect, it } from 'vitest';
import { WebhookCallbacks } from '../../../src/executors/webhook-callbacks';
import { signedHeaders } from '../../../src/executors/webhook-signature';
import { rejectionOf } from './fixtures';

const secret = 'callback-secret';
const now = new Date('2026-03-01T12:00:00Z');
const job = { runId: 'run-1', blockId: 'gap-analyzer', attempt: 1 };
const result = { status: 'COMPLETE', reasoning: 'done', artifacts: { 'gaps-json': '[]' }, metrics: { score: 0.9 } };

function send(callbacks: WebhookCallbacks, body: unknown, opts: { secret?: string; sentAt?: Date; at?: Date } = {}) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  return callbacks.handleCallback(raw, signedHeaders(opts.secret ?? secret, raw, opts.sentAt ?? now), opts.at ?? now);
}

describe('WebhookCallbacks', () => {
  it('GIVEN a signed callback for a waiting job THEN 200 and wait resolves with the TaskResult (defaults filled)', async () => {
    const cb = new WebhookCallbacks({ secret });
    const { jobKey, nonce } = cb.expect(job);
    const waiting = cb.wait(jobKey, new AbortController().signal);
    expect(send(cb, { job_key: jobKey, nonce, result })).toEqual({ status: 200, body: { ok: true } });
    await expect(waiting).resolves.toMatchObject({ status: 'COMPLETE', blockers: [], metrics: { score: 0.9 } });
    expect(cb.waitingCount()).toBe(0);
  });

  it('GIVEN the callback arrives before anyone waits THEN wait still gets the result', async () => {
    const cb = new WebhookCallbacks({ secret });
    const { jobKey, nonce } = cb.expect(job);
    expect(send(cb, { job_key: jobKey, nonce, result }).status).toBe(200);
    await expect(cb.wait(jobKey, new AbortController().signal)).resolves.toMatchObject({ status: 'COMPLETE' });
  });

  it('GIVEN a forged signature or no signature THEN 401 and the job keeps waiting', () => {
    const cb = new WebhookCallbacks({ secret });
    const { jobKey, nonce } = cb.expect(job);
    expect(send(cb, { job_key: jobKey, nonce, result }, { secret: 'forged' })).toEqual({ status: 401, body: { ok: false, error: 'bad signature' } });
    expect(cb.handleCallback(JSON.stringify({ job_key: jobKey, nonce, result }), {}, now).status).toBe(401);
    expect(cb.waitingCount()).toBe(1);
  });

  it('GIVEN a stale or future-dated timestamp (over 5 minutes) THEN 401', () => {
    const cb = new WebhookCallbacks({ secret });
    const { jobKey, nonce } = cb.expect(job);
    const body = { job_key: jobKey, nonce, result };
    expect(send(cb, body, { sentAt: new Date(now.getTime() - 301_000) }).status).toBe(401);
    expect(send(cb, body, { sentAt: new Date(now.getTime() + 301_000) }).status).toBe(401);
    expect(send(cb, body, { sentAt: new Date(now.getTime() - 299_000) }).status).toBe(200);
  });

  it('GIVEN a signed but invalid body THEN 400 naming the problem', () => {
    const cb = new WebhookCallbacks({ secret });
    const { jobKey, nonce } = cb.expect(job);
    expect(send(cb, 'not json')).toEqual({ status: 400, body: { ok: false, error: 'body is not JSON' } });
    const bad = send(cb, { job_key: jobKey, nonce, result: { status: 'DONE' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('result.status');
    expect(send(cb, { job_key: jobKey, nonce }).body.error).toContain('exactly one of "result" or "error"');
  });

  it('GIVEN an unknown job, a wrong nonce or a repeated callback THEN 409 late callback', () => {
    const cb = new WebhookCallbacks({ secret });
    const { jobKey, nonce } = cb.expect(job);
    expect(send(cb, { job_key: 'run-9:x:1', nonce, result })).toMatchObject({ status: 409, body: { error: 'late callback: no job run-9:x:1 is waiting' } });
    expect(send(cb, { job_key: jobKey, nonce: 'guess', result }).status).toBe(409);
    expect(send(cb, { job_key: jobKey, nonce, result }).status).toBe(200);
    expect(send(cb, { job_key: jobKey, nonce, result })).toMatchObject({ status: 409, body: { error: 'late callback: the job is already completed' } });
  });

  it('GIVEN attempt 2 has started THEN a callback for attempt 1 is refused as superseded and its waiter is released', async () => {
    const cb = new WebhookCallbacks({ secret });
    const first = cb.expect(job);
    const firstWait = rejectionOf(cb.wait(first.jobKey, new AbortController().signal));
    cb.expect({ ...job, attempt: 2 });
    expect(await firstWait).toMatchObject({ code: 'superseded' });
    expect(send(cb, { job_key: first.jobKey, nonce: first.nonce, result })).toMatchObject({
      status: 409,
      body: { error: 'late callback: the job was superseded by attempt 2' },
    });
    const evicted = new WebhookCallbacks({ secret, rememberFinished: 0 });
    const old = evicted.expect(job);
    evicted.expect({ ...job, attempt: 2 });
    expect(send(evicted, { job_key: old.jobKey, nonce: old.nonce, result }).body.error).toBe('late callback: attempt 1 was superseded by attempt 2');
  });

  it('GIVEN the wait timed out THEN a later callback is refused as late', async () => {
    const cb = new WebhookCallbacks({ secret });
    const { jobKey, nonce } = cb.expect(job);
    const controller = new AbortController();
    const waiting = rejectionOf(cb.wait(jobKey, controller.signal));
    controller.abort(new DOMException('deadline', 'TimeoutError'));
    expect(await waiting).toMatchObject({ code: 'aborted' });
    expect(send(cb, { job_key: jobKey, nonce, result })).toEqual({ status: 409, body: { ok: false, error: 'late callback: the job timed out' } });
  });

  it('GIVEN the worker reports an error THEN wait rejects with it and its retryability', async () => {
    const cb = new WebhookCallbacks({ secret });
    const { jobKey, nonce } = cb.expect(job);
    const waiting = rejectionOf(cb.wait(jobKey, new AbortController().signal));
    expect(send(cb, { job_key: jobKey, nonce, error: { message: 'GPU out of memory', retryable: false } }).status).toBe(200);
    expect(await waiting).toMatchObject({ code: 'worker_failed', retryable: false, message: 'the worker reported: GPU out of memory' });
  });

  it('GIVEN no secret THEN every callback is refused with 503', () => {
    const cb = new WebhookCallbacks();
    expect(cb.handleCallback('{}', {}, now).status).toBe(503);
  });
});
