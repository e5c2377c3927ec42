import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CallbackResponse, WebhookCallbacks } from '../../../src/executors/webhook-callbacks';
import type { WebhookJobPayload } from '../../../src/executors/webhook-messages';
import { signedHeaders, verifySignedRequest } from '../../../src/executors/webhook-signature';

/** What the worker does with a job it receives. */
export type WorkerBehaviour =
  | { kind: 'complete'; result: unknown; signWith?: string }
  | { kind: 'fail'; error: { message: string; retryable?: boolean } }
  | { kind: 'reject'; status: number; body: string }
  /** Accepts the job and never calls back (until the test sends a callback itself). */
  | { kind: 'silent' };

export interface ReceivedJob {
  headers: IncomingHttpHeaders;
  payload: WebhookJobPayload;
  /** Whether the job's signature verified with the shared secret. */
  signatureOk: boolean;
}

/**
 * A real external worker on 127.0.0.1: it verifies the signed job, answers 202, then calls back
 * signed. The callback goes straight into WebhookCallbacks.handleCallback (the HTTP route that
 * carries it in production belongs to the bot's server). It also lets tests send callbacks.
 */
export class FakeWorker {
  readonly jobs: ReceivedJob[] = [];
  readonly callbackResponses: CallbackResponse[] = [];
  behaviour: WorkerBehaviour = { kind: 'silent' };
  private server: Server | null = null;
  private jobWaiters: Array<(j: ReceivedJob) => void> = [];
  url = '';

  constructor(
    private readonly secret: string,
    private readonly callbacks: WebhookCallbacks,
  ) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]));
        const job: ReceivedJob = { headers: req.headers, payload: JSON.parse(raw), signatureOk: verifySignedRequest(this.secret, raw, headers, new Date()).ok };
        this.jobs.push(job);
        this.jobWaiters.splice(0).forEach((w) => w(job));
        const b = this.behaviour;
        if (!job.signatureOk) return void res.writeHead(401).end('bad signature');
        if (b.kind === 'reject') return void res.writeHead(b.status).end(b.body);
        res.writeHead(202, { 'content-type': 'application/json' }).end('{"accepted":true}');
        if (b.kind === 'complete') this.callBack(job.payload, { result: b.result }, b.signWith);
        if (b.kind === 'fail') this.callBack(job.payload, { error: b.error });
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/jobs`;
    return this;
  }

  /** Sends a signed callback for a job, as the worker would; returns the bot's answer. */
  callBack(job: WebhookJobPayload, body: object, secret = this.secret, sentAt = new Date()): CallbackResponse {
    const raw = JSON.stringify({ job_key: job.job_key, nonce: job.nonce, ...body });
    const response = this.callbacks.handleCallback(raw, signedHeaders(secret, raw, sentAt), new Date());
    this.callbackResponses.push(response);
    return response;
  }

  nextJob(): Promise<ReceivedJob> {
    return new Promise((resolve) => this.jobWaiters.push(resolve));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
