/**
 * Shared setup for the Slack adapter end-to-end tests: the whole bot (createFactoryApp with the
 * REAL store on PGlite, the real runner and outbox, the real bolt App) against the local Slack
 * fake, plus the few moves a person makes in Slack (type a command, click, submit a form, open
 * Home), sent either over HTTP (signed requests) or over Socket Mode (envelopes).
 */
import pino from 'pino';
import { afterAll, beforeAll, expect } from 'vitest';
import { watchForLeaks } from '../fakes/slack/leak-guard';
import { slackAdapterFromEnv } from '../../adapters/slack';
import { createFactoryApp, type FactoryApp } from '../../src/app';
import { readEnv } from '../../src/config';
import { parseFileConfig } from '../../src/config-file';
import type { RunView } from '../../src/domain/views';
import type { FactoryService } from '../../src/runner/factory-service';
import {
  blockActionsBody, blockActionsPayload, signedRequest, slashCommandBody, slashCommandPayload, startFakeSlack, viewSubmissionBody,
  viewSubmissionPayload, type FakeMessage, type FakeSlack,
} from '../fakes/slack';
import { testDatabases } from '../support/databases';

export const SECRET = 'secret';
export const ORIGIN = 'C0ORIGIN01';
export const TASKS = 'C0TASKS001';
export const REVIEWERS_GROUP = 'S0REVIEWRS';
export const OPERATOR = { id: 'U0OPERATOR', name: 'olga' };
/** A reviewer through the user group only, so group resolution is part of every decision. */
export const REVIEWER = { id: 'U0REVIEWER', name: 'rui' };
export const REVIEWER_TWO = { id: 'U0REVIEWR2', name: 'rita' };
export const VIEWER = { id: 'U0VIEWER01', name: 'vic' };
type Person = { id: string; name: string };

export type Transport = 'http' | 'socket';

export interface SlackFactory {
  fake: FakeSlack;
  app: FactoryApp;
  base: string;
  /** Warnings and errors the bot logged (pino JSON lines). */
  logged: Array<{ level: number; msg: string }>;
  /** Signs and POSTs (http) or sends an envelope (socket); answers the HTTP status and body, or the socket ack. */
  command(text: string, who: Person, opts?: { retryNum?: number; channel?: string; reuse?: string }): Promise<Delivery>;
  click(actionId: string, who: Person, message: FakeMessage | undefined, opts?: { retryNum?: number; reuse?: string; fromHome?: boolean }): Promise<Delivery>;
  submit(callbackId: string, who: Person, values: Record<string, string>, privateMetadata: string): Promise<Delivery>;
  stop(): Promise<void>;
}

/** What the bot answered: `status` and `body` over HTTP, `ack` over Socket Mode; `raw` to re-send it as is. */
export interface Delivery {
  status?: number;
  body?: string;
  ack?: unknown;
  raw: string;
}

const FILE_CONFIG = {
  roles: { operator: [`slack:user:${OPERATOR.id}`], reviewer: [`slack:group:${REVIEWERS_GROUP}`, `slack:user:${REVIEWER_TWO.id}`] },
  channels: { tasks: { slack: TASKS }, 'factory-tasks': { slack: TASKS } },
};

/** Starts the fake Slack and the bot on a fresh PGlite database, in HTTP or Socket Mode. */
export async function startSlackFactory(transport: Transport, opts: { botScopes?: string[] } = {}): Promise<SlackFactory> {
  const fake = await startFakeSlack({ users: [OPERATOR, REVIEWER, REVIEWER_TWO, VIEWER], usergroups: { [REVIEWERS_GROUP]: [REVIEWER.id] }, ...opts });
  const [pglite] = testDatabases({ only: 'pglite' });
  const database = await pglite!.open();
  const env = readEnv({
    SLACK_BOT_TOKEN: fake.botToken,
    SLACK_SIGNING_SECRET: SECRET,
    ...(transport === 'socket' ? { SLACK_APP_TOKEN: fake.appToken } : {}),
    SLACK_API_URL: fake.apiUrl,
    FACTORY_TEMPLATES_DIR: 'templates',
    SIMULATE_TIME_SCALE: '0',
    LOG_LEVEL: 'warn',
  });
  const fileConfig = parseFileConfig(FILE_CONFIG);
  const logged: SlackFactory['logged'] = [];
  const log = pino({ level: 'warn' }, { write: (line: string) => void logged.push(JSON.parse(line) as { level: number; msg: string }) });
  // The socket-mode client pings every timeout/3 and reconnects when a pong is later than the
  // timeout. PGlite runs on this same thread, so on a busy machine a query can stall the event loop
  // for seconds; a short timeout then drops the socket mid-test (slack-fake.test.ts covers
  // reconnects, with 500 ms to make them quick). These tests never reconnect: 10 s.
  const slack = slackAdapterFromEnv(env, fileConfig, { retryConfig: { retries: 0 }, socketPingTimeoutMs: 10_000 });
  if (!slack) throw new Error('the Slack adapter should be configured');
  const app = await createFactoryApp({ env, fileConfig, log, adapters: [slack], database });
  const port = await app.start(0);
  const base = `http://127.0.0.1:${port}`;

  const deliver = async (type: 'slash_commands' | 'interactive', form: string, payload: unknown, retryNum?: number): Promise<Delivery> => {
    if (transport === 'socket') {
      const ack = await fake.sendSocketEvent({ type, payload, ...(retryNum ? { retry_attempt: retryNum, retry_reason: 'timeout' } : {}) });
      return { ack, raw: JSON.stringify(payload) };
    }
    const res = await signedRequest(base, '/slack/events', form, { secret: SECRET, ...(retryNum ? { retryNum } : {}) });
    return { status: res.status, body: await res.text(), raw: form };
  };
  const resend = (type: 'slash_commands' | 'interactive', raw: string, retryNum?: number): Promise<Delivery> =>
    transport === 'socket' ? deliver(type, '', JSON.parse(raw), retryNum) : deliver(type, raw, undefined, retryNum);

  return {
    fake, app, base, logged,
    command(text, who, opts = {}) {
      if (opts.reuse) return resend('slash_commands', opts.reuse, opts.retryNum);
      const channel = opts.channel ?? ORIGIN;
      const input = {
        text, user_id: who.id, user_name: who.name, channel_id: channel, trigger_id: fake.issueTriggerId(),
        response_url: fake.issueResponseUrl({ channel, user: who.id }),
      };
      return deliver('slash_commands', slashCommandBody(input), slashCommandPayload(input), opts.retryNum);
    },
    click(actionId, who, message, opts = {}) {
      if (opts.reuse) return resend('interactive', opts.reuse, opts.retryNum);
      const input = {
        action_id: actionId, user: { id: who.id, username: who.name, name: who.name }, trigger_id: fake.issueTriggerId(),
        ...(message && !opts.fromHome
          ? { channel: message.channel, message: { ts: message.ts, blocks: message.blocks ?? [] }, response_url: fake.issueResponseUrl({ channel: message.channel, messageTs: message.ts, user: who.id }) }
          : {}),
      };
      const payload = blockActionsPayload(input);
      if (opts.fromHome) Object.assign(payload, homeContainer(who.id));
      const form = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
      return deliver('interactive', opts.fromHome ? form : blockActionsBody(input), payload, opts.retryNum);
    },
    submit(callbackId, who, values, privateMetadata) {
      const input = { callback_id: callbackId, private_metadata: privateMetadata, values, user: { id: who.id, username: who.name, name: who.name }, trigger_id: fake.issueTriggerId() };
      return deliver('interactive', viewSubmissionBody(input), viewSubmissionPayload(input));
    },
    async stop() {
      await app.stop();
      // The bot hangs up by itself: the fake sees every socket close before it is shut down.
      await fake.socketsClosed();
      await fake.close();
    },
  };
}

/** A click in the App Home tab: the container is the view, and there is no channel, message or response_url. */
function homeContainer(userId: string): Record<string, unknown> {
  return {
    container: { type: 'view', view_id: 'V0HOMEVIEW' },
    view: { id: 'V0HOMEVIEW', type: 'home', callback_id: '', private_metadata: '', state: { values: {} }, hash: 'h', blocks: [] },
    channel: undefined, message: undefined, response_url: undefined, user: { id: userId, username: userId, name: userId },
  };
}

/** Waits until `check` gives a value, polling the fake's state and the store (they change as the bot works). */
export async function waitFor<T>(check: () => T | undefined | null | false | Promise<T | undefined | null | false>, what: string, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The message in `channel` whose blocks carry a button with this action id. */
export function messageWithAction(fake: FakeSlack, channel: string, actionId: string): FakeMessage | undefined {
  return fake.messages(channel).find((m) => JSON.stringify(m.blocks ?? []).includes(`"action_id":"${actionId}"`));
}

/** The first gate card for `runId` posted in `channel`, with the gate id its Approve button carries. */
export async function gateCardFor(f: SlackFactory, runId: string, channel = TASKS): Promise<{ gateId: string; message: FakeMessage }> {
  const service: FactoryService = f.app.service;
  const gate = await waitFor(async () => (await service.getRun(runId, new Date())).pendingGates[0], `a pending gate in run ${runId}`);
  const message = await waitFor(() => messageWithAction(f.fake, channel, `gate:${gate.id}:approve`), `the gate card of gate ${gate.id} in ${channel}`);
  return { gateId: gate.id, message };
}

/** The newest run started by `who` (the slash command answers before the run exists in our view). */
export async function runStartedBy(f: SlackFactory, who: Person, notIn: ReadonlySet<string> = new Set()): Promise<RunView> {
  const service: FactoryService = f.app.service;
  return waitFor(async () => (await service.listActiveRuns(new Date())).find((r) => r.createdBy === who.name && !notIn.has(r.id)), `a run started by ${who.name}`);
}

/** Plain text of a message: its fallback text and every text in its blocks. */
export function textOf(message: { text?: string | undefined; blocks?: unknown[] | undefined } | undefined): string {
  if (!message) return '';
  const texts: string[] = [message.text ?? ''];
  JSON.stringify(message.blocks ?? [], (key, value: unknown) => {
    if (key === 'text' && typeof value === 'string') texts.push(value);
    return value;
  });
  return texts.join('\n');
}

/**
 * Starts the bot before the file's tests and stops it after, failing the file if a socket or timer
 * leaked. `use` hands the started bot to the test file.
 */
export function useSlackFactory(transport: Transport, use: (f: SlackFactory) => void): void {
  const leaks = watchForLeaks();
  let started: SlackFactory | undefined;
  beforeAll(async () => {
    started = await startSlackFactory(transport);
    use(started);
  }, 120_000);
  afterAll(async () => {
    await started?.stop();
    if (transport === 'socket') expect(started?.fake.openSocketCount).toBe(0);
    const leaked = await leaks.leaks();
    leaks.stop();
    expect(leaked).toEqual([]);
  });
}
