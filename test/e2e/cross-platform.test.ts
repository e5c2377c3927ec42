/**
 * Both chat platforms on one bot: the real discord.js client and the real bolt App, each against
 * its local fake, sharing the store. A gate decided on one platform edits its card on the other;
 * a two-approval gate shows its progress on both and is decided by two people on two platforms.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discordAdapterFromEnv } from '../../adapters/discord/index';
import { slackAdapterFromEnv } from '../../adapters/slack';
import { createFactoryApp, type FactoryApp } from '../../src/app';
import { readEnv } from '../../src/config';
import { parseFileConfig } from '../../src/config-file';
import { startFakeDiscord, type CreatedGuild, type FakeDiscord } from '../fakes/discord';
import { blockActionsBody, signedRequest, slashCommandBody, startFakeSlack, type FakeSlack } from '../fakes/slack';
import { testDatabases, type TestDatabaseHandle } from '../support/databases';
import { botPosts, buttonIds, textOf as discordText, waitForFake } from './discord-harness';
import { messageWithAction, textOf as slackText, waitFor } from './slack-adapter-support';

const SECRET = 'secret';
const SLACK_CHANNEL = 'C0ORIGIN01';
const SLACK_TASKS = 'C0TASKS001';
const OPERATOR = { id: 'U0OPERATOR', name: 'olga' };
const REVIEWER = { id: 'U0REVIEWER', name: 'rui' };

let discord: FakeDiscord;
let slack: FakeSlack;
let guild: CreatedGuild;
let database: TestDatabaseHandle;
let app: FactoryApp;
let base: string;
let templatesDir: string;

/** The shipped templates plus one whose only gate needs two approvals and opens at once. */
function templatesWithTeamReview(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pf-templates-'));
  cpSync('templates', dir, { recursive: true });
  const teamReview = {
    id: 'team-review',
    name: 'Team review',
    sla: { deadline: '4h' },
    blocks: [{ id: 'sign-off', name: 'Sign-off', type: 'review', runtime: 'simulate', human_gate: 'before', review: { required_approvals: 2 } }],
  };
  writeFileSync(join(dir, 'team-review.json'), JSON.stringify(teamReview));
  return dir;
}

beforeAll(async () => {
  discord = await startFakeDiscord({ heartbeatIntervalMs: 500 });
  guild = discord.createGuild({ channels: ['general', 'tasks'], roles: [{ name: 'reviewers' }] });
  slack = await startFakeSlack({ users: [OPERATOR, REVIEWER] });
  const [first] = testDatabases();
  database = await first!.open();
  templatesDir = templatesWithTeamReview();
  const env = readEnv({
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_GUILD_ID: guild.id,
    DISCORD_API_URL: discord.restUrl,
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
    FACTORY_TEMPLATES_DIR: templatesDir,
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
  app = await createFactoryApp({ env, fileConfig, log: pino({ level: 'silent' }), adapters, database });
  base = `http://127.0.0.1:${await app.start(0)}`;
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await database?.close();
  await slack?.close();
  await discord?.close();
  if (templatesDir) rmSync(templatesDir, { recursive: true, force: true });
});

/** Starts a run (demo by default) from Slack and waits for its gate card on both platforms. */
async function runToGate(template = 'demo'): Promise<{ gateId: string; slackCard: ReturnType<typeof messageWithAction> & object; discordCardId: string }> {
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

describe('one bot on Discord and Slack', () => {
  it('GIVEN a gate card on both platforms WHEN it is approved on Slack THEN the Discord copy is edited to show the decision', async () => {
    const { gateId, slackCard, discordCardId } = await runToGate();
    const click = blockActionsBody({
      action_id: `gate:${gateId}:approve`,
      user: { id: REVIEWER.id, username: REVIEWER.name, name: REVIEWER.name },
      trigger_id: slack.issueTriggerId(),
      channel: slackCard.channel,
      message: { ts: slackCard.ts, blocks: slackCard.blocks ?? [] },
      response_url: slack.issueResponseUrl({ channel: slackCard.channel, messageTs: slackCard.ts, user: REVIEWER.id }),
    });
    expect((await signedRequest(base, '/slack/events', click, { secret: SECRET })).status).toBe(200);
    const edited = await waitForFake(discord, () => {
      const message = discord.state.messages.get(discordCardId);
      return message && !buttonIds(message).includes(`gate:${gateId}:approve`) ? message : undefined;
    }, 'the Discord card to lose its buttons');
    expect(discordText(edited)).toContain('Approved by rui');
    expect(discordText(edited)).toContain('Slack');
  });

  it('GIVEN a gate card on both platforms WHEN it is approved on Discord THEN the Slack copies are updated', async () => {
    const { gateId, slackCard, discordCardId } = await runToGate();
    const click = discord.dispatchInteraction('button', { userId: '200000000000000002', username: 'rita', roles: [guild.roles.reviewers!], messageId: discordCardId, customId: `gate:${gateId}:approve` });
    expect((await click.waitForEdit()).content).toMatch(/^Approved gate #\d+/);
    await waitFor(() => slackCard.edits.length > 0 && !JSON.stringify(slackCard.blocks).includes(`gate:${gateId}:approve`), 'chat.update of the Slack copy');
    expect(slackText(slackCard)).toContain('Approved by rita');
    expect(slackText(slackCard)).toContain('Discord');
  });

  it('GIVEN a 2-approval gate WHEN Rui approves on Slack and Rita on Discord THEN both copies show "1 of 2: approved by rui", then the decision with both names', async () => {
    const { gateId, slackCard, discordCardId } = await runToGate('team-review');
    const click = blockActionsBody({
      action_id: `gate:${gateId}:approve`,
      user: { id: REVIEWER.id, username: REVIEWER.name, name: REVIEWER.name },
      trigger_id: slack.issueTriggerId(),
      channel: slackCard.channel,
      message: { ts: slackCard.ts, blocks: slackCard.blocks ?? [] },
      response_url: slack.issueResponseUrl({ channel: slackCard.channel, messageTs: slackCard.ts, user: REVIEWER.id }),
    });
    expect((await signedRequest(base, '/slack/events', click, { secret: SECRET })).status).toBe(200);
    await waitFor(() => slackText(slackCard).includes('1 of 2: approved by rui'), 'the Slack copy to show the first approval');
    expect(JSON.stringify(slackCard.blocks)).toContain(`gate:${gateId}:approve`);
    const progress = await waitForFake(discord, () => {
      const message = discord.state.messages.get(discordCardId);
      return message && discordText(message).includes('1 of 2: approved by rui') ? message : undefined;
    }, 'the Discord copy to show the first approval');
    expect(buttonIds(progress)).toContain(`gate:${gateId}:approve`);

    const second = discord.dispatchInteraction('button', { userId: '200000000000000002', username: 'rita', roles: [guild.roles.reviewers!], messageId: discordCardId, customId: `gate:${gateId}:approve` });
    expect((await second.waitForEdit()).content).toMatch(/^Approved gate #\d+/);
    const decided = await waitForFake(discord, () => {
      const message = discord.state.messages.get(discordCardId);
      return message && !buttonIds(message).includes(`gate:${gateId}:approve`) ? message : undefined;
    }, 'the Discord card to lose its buttons');
    expect(discordText(decided)).toContain('2 of 2: approved by rui, rita');
    await waitFor(() => !JSON.stringify(slackCard.blocks).includes(`gate:${gateId}:approve`), 'the Slack copy to show the decision');
    expect(slackText(slackCard)).toContain('2 of 2: approved by rui, rita');
    expect(slackText(slackCard)).toContain('Approved by rita');
  });
});
