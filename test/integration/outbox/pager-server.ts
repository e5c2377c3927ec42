import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A stand-in for PagerDuty's Events API on 127.0.0.1: records each request, answers from a script. */
export interface PagerServer {
  url: string;
  received: Array<{ method: string; path: string; headers: IncomingHttpHeaders; body: unknown }>;
  /** The next answers, in order; 202 once they run out (what PagerDuty answers when it accepts). */
  answers: Array<{ status: number; body?: string }>;
  close(): Promise<void>;
}

export async function startPagerServer(): Promise<PagerServer> {
  const received: PagerServer['received'] = [];
  const answers: PagerServer['answers'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: text ? JSON.parse(text) : null });
      const answer = answers.shift() ?? { status: 202, body: JSON.stringify({ status: 'success', message: 'Event processed' }) };
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v2/enqueue`,
    received,
    answers,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
