/**
 * GET /v1/events with a real SSE client (eventsource 4): a client follows a run, disconnects, the
 * bot is restarted (a new process' worth of objects on the same database), and the client resumes
 * with Last-Event-ID: every event exactly once, in order, nothing missed while it was away.
 */
import { EventSource } from 'eventsource';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FactoryApp } from '../../src/app';
import { listEventsAfter, type Database } from '../../src/store';
import { OPEN_TIMEOUT_MS, testDatabases, type TestDatabaseHandle } from '../support/databases';
import { consoleActor, eventually } from '../support/factory-harness';
import { liveToken, reopener, startLiveApp } from '../support/live-app';

interface Received {
  id: string;
  type: string;
  data: { runId: string | null };
}

/** An EventSource with a bearer token (and a Last-Event-ID to resume from), collecting what it receives. */
function follow(url: string, token: string, lastEventId?: string) {
  const received: Received[] = [];
  const lastIds: string[] = [];
  const source = new EventSource(url, {
    fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, authorization: `Bearer ${token}`, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) } }),
  });
  source.onmessage = (m) => {
    lastIds.push(m.lastEventId);
    received.push(JSON.parse(m.data) as Received);
  };
  const opened = new Promise<void>((resolve, reject) => {
    source.onopen = () => resolve();
    source.onerror = (e) => reject(new Error(`SSE error: ${e.message ?? e.code}`));
  });
  return { source, received, lastIds, opened };
}

describe.each(testDatabases())('the SSE event stream on $name', ({ name, open }) => {
  let handle: TestDatabaseHandle | undefined;
  let reopen: () => Promise<Database>;
  let app: FactoryApp | undefined;
  let base = '';
  beforeAll(async () => {
    if (name === 'postgres') handle = await open();
    reopen = reopener(name, handle?.connectionString);
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    await app?.stop();
    await handle?.close();
  });

  it('GIVEN a client that disconnects and a bot restart THEN resuming with Last-Event-ID yields every event exactly once, in order', { timeout: 120_000 }, async () => {
    let database = await reopen();
    let started = await startLiveApp(database);
    app = started.app;
    const token = await liveToken(database, 'dashboard', 'viewer', ['runs:read']);

    const first = follow(`${started.base}/v1/events`, token);
    await first.opened;
    const run = await app.service.createRun({ templateId: 'demo', params: {}, simulate: true, actor: consoleActor, origin: { platform: 'console', channelId: 'console' } });
    await eventually(async () => first.received.find((e) => e.type === 'block.started'), 'the first block.started over SSE');
    first.source.close();
    const resumeFrom = first.lastIds[first.lastIds.length - 1]!;

    // While the client is away the run goes on to its gate; then the bot stops.
    await eventually(async () => (await app!.service.getRun(run.id)).pendingGates[0], 'the demo gate', 60_000);
    const gate = (await app.service.getRun(run.id)).pendingGates[0]!;
    await app.stop();
    app = undefined;

    database = await reopen();
    started = await startLiveApp(database);
    app = started.app;
    base = started.base;
    const second = follow(`${started.base}/v1/events?run_id=${run.id}`, token, resumeFrom);
    await second.opened;
    await app.service.decideGate({ gateId: gate.id, decision: 'approve', actor: consoleActor }, new Date());
    await eventually(async () => second.received.find((e) => e.type === 'run.completed'), 'run.completed after the restart', 60_000);
    second.source.close();

    const log = await listEventsAfter(database.db, { after: '0', runId: run.id, limit: 1000 });
    const all = [...first.received, ...second.received];
    expect(all.map((e) => e.id)).toEqual(log.map((e) => e.id));
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    expect(second.lastIds).toEqual(second.received.map((e) => e.id));
    expect(all.map((e) => e.type)).toEqual(expect.arrayContaining(['run.created', 'block.started', 'block.completed', 'gate.pending', 'gate.decided', 'run.completed']));
    expect(second.received.some((e) => e.type === 'gate.pending')).toBe(true);
  });

  it('GIVEN no token, a token without runs:read, or a bad filter THEN a problem response and no stream', { timeout: 60_000 }, async () => {
    if (!app) ({ app, base } = await startLiveApp(await reopen()));
    const writer = await liveToken(app.database, 'writer-only', 'operator', ['runs:write']);
    const reader = await liveToken(app.database, 'reader', 'viewer', ['runs:read']);
    const none = await fetch(`${base}/v1/events`);
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toContain('application/problem+json');
    const scoped = await fetch(`${base}/v1/events`, { headers: { authorization: `Bearer ${writer}` } });
    expect(scoped.status).toBe(403);
    expect(((await scoped.json()) as { detail: string }).detail).toContain('runs:read');
    const bad = await fetch(`${base}/v1/events?types=run.exploded`, { headers: { authorization: `Bearer ${reader}` } });
    expect(bad.status).toBe(400);
    const badId = await fetch(`${base}/v1/events`, { headers: { authorization: `Bearer ${reader}`, 'last-event-id': 'x; drop' } });
    expect(badId.status).toBe(400);
  });

  it.runIf(name === 'postgres')('GIVEN two replicas on one database THEN a client of one receives, in order, what the other commits', { timeout: 120_000 }, async () => {
    const [a, b] = [await startLiveApp(await reopen()), await startLiveApp(await reopen())];
    try {
      const token = await liveToken(a.app.database, 'replica-watcher', 'viewer', ['runs:read']);
      const onB = follow(`${b.base}/v1/events`, token);
      await onB.opened;
      const run = await a.app.service.createRun({ templateId: 'demo', params: {}, simulate: true, actor: consoleActor, origin: { platform: 'console', channelId: 'console' } });
      await eventually(async () => onB.received.find((e) => e.type === 'gate.pending' && e.data.runId === run.id), 'the gate of a run started on the other replica', 60_000);
      onB.source.close();
      const log = await listEventsAfter(a.app.database.db, { after: String(BigInt(onB.received[0]!.id) - 1n), limit: 1000 });
      expect(onB.received.map((e) => e.id)).toEqual(log.slice(0, onB.received.length).map((e) => e.id));
    } finally {
      await a.app.stop();
      await b.app.stop();
    }
  });
});
