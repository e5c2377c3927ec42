/**
 * One bot on both chat platforms: the real discord.js client and the real bolt App, each against
 * its local fake, sharing one store. Used by the cross-platform and the REST-decision tests.
 */
import pino from 'pino';
import { expect } from 'vitest';
import { discordAdapterFromEnv } from '../../adapters/discord/index';
import { slackAdapterFromEnv } from '../../adapters/slack';
import { createFactoryApp, type FactoryApp } from '../../src/app';
import { readEnv } from '../../src/config';
import { parseFileConfig } from '../../src/config-file';
import { startFakeDiscord, type CreatedGuild, type FakeDiscord } from '../fakes/discord';
import { signedRequest, slashCommandBody, startFakeSlack, type FakeSlack } from '../fakes/slack';
import { testDatabases, type TestDatabaseHandle } from '../support/databases';
import { botPosts, buttonIds, waitForFake } from './discord-harness';
import { messageWithAction, waitFor } from './slack-adapter-support';

export const SECRET = 'secret';
export const SLACK_CHANNEL = 'C0ORIGIN01';
export const SLACK_TASKS = 'C0TASKS001';
export const OPERATOR = { id: 'U0OPERATOR', name: 'olga' };
export const REVIEWER = { id: 'U0REVIEWER', name: 'rui' };

export interface TwoPlatforms {
  discord: FakeDiscord;
  slack: FakeSlack;
  guild: CreatedGuild;
  database: TestDatabaseHandle;
  app: FactoryApp;
  base: string;
  stop(): Promise<void>;
}

/** `templatesDir`: a folder of templates instead of the shipped ones. */
export async function startTwoPlatforms(opts: { templatesDir?: string } = {}): Promise<TwoPlatforms> {
  const discord = await startFakeDiscord({ heartbeatIntervalMs: 500 });
  const guild = discord.createGuild({ channels: ['general', 'tasks'], roles: [{ name: 'reviewers' }] });
  const slack = await startFakeSlack({ users: [OPERATOR, REVIEWER] });
  const [first] = testDatabases();
  const database = await first!.open();
  const env = readEnv({
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_GUILD_ID: guild.id,
    DISCORD_API_URL: discord.restUrl,
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
    FACTORY_TEMPLATES_DIR: opts.templatesDir ?? 'templates',
    SIMULATE_TIME_SCALE: '0',
  });
  const tasks = { discord: guild.channels.tasks!, slack: SLACK_TASKS };
  const fileConfig = parseFileConfig({
    roles: {
      operator: [`slack:user:${OPERATOR.id}`],
      reviewer: [`slack:user:${REVIEWER.id}`, `discord:role:${guild.roles.reviewers}`],
    },
    channels: { tasks, 'factory-tasks': tasks },
  });
  const adapters = [discordAdapterFromEnv(env, { registerOnStart: true })!, slackAdapterFromEnv(env, fileConfig, { retryConfig: { retries: 0 } })!];
  const app = await createFactoryApp({ env, fileConfig, log: pino({ level: 'silent' }), adapters, database });
  const base = `http://127.0.0.1:${await app.start(0)}`;
  return {
    discord,
    slack,
    guild,
    database,
    app,
    base,
    async stop() {
      await app.stop();
      await database.close();
      await slack.close();
      await discord.close();
    },
  };
}

/** Starts a run (demo by default) from Slack and waits for its gate card on both platforms. */
export async function runToGate(p: TwoPlatforms, template = 'demo'): Promise<{ gateId: string; slackCard: NonNullable<ReturnType<typeof messageWithAction>>; discordCardId: string }> {
  const { app, slack, discord, guild, base } = p;
  const before = new Set((await app.service.listActiveRuns()).map((r) => r.id));
  const body = slashCommandBody({ text: `run ${template} simulate`, user_id: OPERATOR.id, user_name: OPERATOR.name, channel_id: SLACK_CHANNEL, trigger_id: slack.issueTriggerId(), response_url: slack.issueResponseUrl({ channel: SLACK_CHANNEL, user: OPERATOR.id }) });
  expect((await signedRequest(base, '/slack/events', body, { secret: SECRET })).status).toBe(200);
  const run = await waitFor(async () => (await app.service.listActiveRuns()).find((r) => !before.has(r.id)), 'the new run');
  const gate = await waitFor(async () => (await app.service.getRun(run.id)).pendingGates[0], 'the gate');
  const approve = `gate:${gate.id}:approve`;
  const slackCard = await waitFor(() => messageWithAction(slack, SLACK_TASKS, approve), 'the Slack copy of the gate card');
  const discordCard = await waitForFake(discord, () => botPosts(discord, guild.channels.tasks!).find((m) => buttonIds(m).includes(approve)), 'the Discord copy of the gate card');
  return { gateId: gate.id, slackCard, discordCardId: discordCard.id };
}
