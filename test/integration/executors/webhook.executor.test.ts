import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebhookCallbacks } from '../../../src/executors/webhook-callbacks';
import { WebhookExecutor } from '../../../src/executors/webhook.executor';
import type { BlockInput } from '../../../src/schema/block';
import { makeBlock, makeCtx, makeJob, rejectionOf } from '../../unit/executors/fixtures';
import { FakeWorker } from './webhook-worker';

const SECRET = 'worker-shared-secret';
const CALLBACK_URL = 'http://127.0.0.1:3000/callbacks/webhook';
let callbacks: WebhookCallbacks;
let worker: FakeWorker;

beforeEach(async () => {
  callbacks = new WebhookCallbacks({ secret: SECRET });
  worker = await new FakeWorker(SECRET, callbacks).start();
});
afterEach(() => worker.stop());

function executor(secret: string | undefined = SECRET) {
  return new WebhookExecutor({ secret, callbackUrl: CALLBACK_URL, callbacks });
}

function webhookBlock(fields: Partial<BlockInput> = {}) {
  return makeBlock({
    id: 'design-system-extractor',
    name: 'Design system extractor',
    runtime: 'webhook',
    url: worker.url,
    outputs: { artifacts: [{ key: 'design-system-html', format: 'html' }], metrics: [] },
    ...fields,
  });
}

const complete = { status: 'COMPLETE', reasoning: 'scraped 14 pages', artifacts: { 'design-system-html': '<html>tokens</html>' } };

describe('WebhookExecutor', () => {
  it('GIVEN a worker that calls back THEN the signed job carries everything and the result comes back', async () => {
    worker.behaviour = { kind: 'complete', result: complete };
    const job = makeJob(webhookBlock(), {
      runId: 'run-5',
      attempt: 2,
      params: { brand_url: 'https://brand.example' },
      inputs: { 'gap-analyzer.gaps-json': { key: 'gaps-json', format: 'json', content: '[]' } },
      feedback: 'include dark mode',
    });
    const { result, artifacts } = await executor().execute(job, makeCtx());

    expect(result).toMatchObject({ status: 'COMPLETE', reasoning: 'scraped 14 pages' });
    expect(artifacts).toEqual([{ key: 'design-system-html', format: 'html', content: '<html>tokens</html>' }]);
    const received = worker.jobs[0]!;
    expect(received.signatureOk).toBe(true);
    expect(received.headers['x-factory-signature']).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(received.headers['x-factory-timestamp']).toMatch(/^\d+$/);
    expect(received.payload).toMatchObject({
      job_key: 'run-5:design-system-extractor:2',
      run_id: 'run-5',
      block_id: 'design-system-extractor',
      attempt: 2,
      params: { brand_url: 'https://brand.example' },
      inputs: { 'gap-analyzer.gaps-json': { format: 'json', content: '[]', location: null } },
      feedback: 'include dark mode',
      callback_url: CALLBACK_URL,
    });
    expect(received.payload.nonce).toMatch(/^[0-9a-f]{32}$/);
    expect(worker.callbackResponses).toEqual([{ status: 200, body: { ok: true } }]);
    // The same callback again is refused: a job completes once.
    expect(worker.callBack(received.payload, { result: complete }).status).toBe(409);
  });

  it('GIVEN a forged callback first THEN it is refused with 401 and the genuine one still completes the job', async () => {
    worker.behaviour = { kind: 'silent' };
    const running = executor().execute(makeJob(webhookBlock()), makeCtx());
    const { payload } = await worker.nextJob();
    expect(worker.callBack(payload, { result: { ...complete, reasoning: 'forged' } }, 'attacker-secret').status).toBe(401);
    expect(worker.callBack(payload, { result: complete }).status).toBe(200);
    expect((await running).result.reasoning).toBe('scraped 14 pages');
  });

  it('GIVEN stale and future-dated callbacks THEN both are refused with 401', async () => {
    worker.behaviour = { kind: 'silent' };
    const ctx = makeCtx();
    const running = rejectionOf(executor().execute(makeJob(webhookBlock()), ctx));
    const { payload } = await worker.nextJob();
    expect(worker.callBack(payload, { result: complete }, SECRET, new Date(Date.now() - 6 * 60_000)).status).toBe(401);
    expect(worker.callBack(payload, { result: complete }, SECRET, new Date(Date.now() + 6 * 60_000)).status).toBe(401);
    ctx.controller.abort();
    expect(await running).toMatchObject({ code: 'aborted' });
  });

  it('GIVEN the worker reports a failure THEN the attempt fails with its message and retryability', async () => {
    worker.behaviour = { kind: 'fail', error: { message: 'brand site returned 403', retryable: false } };
    const err = await rejectionOf(executor().execute(makeJob(webhookBlock()), makeCtx()));
    expect(err).toMatchObject({ code: 'worker_failed', retryable: false, message: 'the worker reported: brand site returned 403' });
  });

  it('GIVEN the worker answers 500 THEN a retryable error, and a callback that still arrives is late', async () => {
    worker.behaviour = { kind: 'reject', status: 500, body: 'worker overloaded' };
    const err = await rejectionOf(executor().execute(makeJob(webhookBlock()), makeCtx()));
    expect(err).toMatchObject({ code: 'worker_rejected', retryable: true });
    expect(err.message).toContain('answered 500: worker overloaded');
    expect(callbacks.waitingCount()).toBe(0);
    expect(worker.callBack(worker.jobs[0]!.payload, { result: complete })).toMatchObject({ status: 409, body: { error: 'late callback: the job failed to start' } });
  });

  it('GIVEN the worker answers 400 THEN the error is not retryable', async () => {
    worker.behaviour = { kind: 'reject', status: 400, body: 'unknown block' };
    expect(await rejectionOf(executor().execute(makeJob(webhookBlock()), makeCtx()))).toMatchObject({ code: 'worker_rejected', retryable: false });
  });

  it('GIVEN no callback before the block timeout THEN a retryable timeout, and the late callback gets 409', async () => {
    worker.behaviour = { kind: 'silent' };
    const err = await rejectionOf(executor().execute(makeJob(webhookBlock({ timeout: 300 })), makeCtx()));
    expect(err).toMatchObject({ code: 'timeout', retryable: true });
    expect(worker.callBack(worker.jobs[0]!.payload, { result: complete })).toEqual({ status: 409, body: { ok: false, error: 'late callback: the job timed out' } });
  });

  it('GIVEN the runner aborts while waiting THEN an abort error, and the callback after it is late', async () => {
    worker.behaviour = { kind: 'silent' };
    const ctx = makeCtx();
    const running = rejectionOf(executor().execute(makeJob(webhookBlock()), ctx));
    const { payload } = await worker.nextJob();
    ctx.controller.abort(new Error('run cancelled'));
    expect(await running).toMatchObject({ code: 'aborted', retryable: false });
    expect(worker.callBack(payload, { result: complete }).body.error).toBe('late callback: the job was aborted');
  });

  it('GIVEN attempt 2 runs THEN a callback for attempt 1 is refused as superseded', async () => {
    worker.behaviour = { kind: 'silent' };
    const first = rejectionOf(executor().execute(makeJob(webhookBlock(), { attempt: 1 }), makeCtx()));
    const job1 = await worker.nextJob();
    const second = executor().execute(makeJob(webhookBlock(), { attempt: 2 }), makeCtx());
    const job2 = await worker.nextJob();
    expect(await first).toMatchObject({ code: 'superseded' });
    expect(worker.callBack(job1.payload, { result: complete }).body.error).toBe('late callback: the job was superseded by attempt 2');
    expect(worker.callBack(job2.payload, { result: complete }).status).toBe(200);
    expect((await second).result.status).toBe('COMPLETE');
  });

  it('GIVEN COMPLETE without the declared artifact THEN a clear error names it', async () => {
    worker.behaviour = { kind: 'complete', result: { status: 'COMPLETE' } };
    const err = await rejectionOf(executor().execute(makeJob(webhookBlock()), makeCtx()));
    expect(err).toMatchObject({ code: 'missing_artifacts' });
    expect(err.message).toContain('"design-system-html"');
  });

  it('GIVEN a worker nobody listens on THEN a retryable unreachable error', async () => {
    const port = await freePort();
    const block = webhookBlock({ url: `http://127.0.0.1:${port}/jobs` });
    const err = await rejectionOf(executor().execute(makeJob(block), makeCtx()));
    expect(err).toMatchObject({ code: 'worker_unreachable', retryable: true });
    expect(err.message).toContain('ECONNREFUSED');
  });

  it('GIVEN no secret or no url THEN not_configured before anything is sent', async () => {
    expect(await rejectionOf(executor('').execute(makeJob(webhookBlock()), makeCtx()))).toMatchObject({ code: 'not_configured', message: expect.stringContaining('WEBHOOK_SECRET') });
    expect(await rejectionOf(executor().execute(makeJob(webhookBlock({ url: undefined })), makeCtx()))).toMatchObject({ code: 'not_configured' });
    expect(worker.jobs).toHaveLength(0);
  });
});

/** A port that was free a moment ago (bound, then released). */
async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}
