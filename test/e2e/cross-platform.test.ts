/**
 * Both chat platforms on one bot: the real discord.js client and the real bolt App, each against
 * its local fake, sharing the store. A gate decided on one platform edits its card on the other;
 * a two-approval gate shows its progress on both and is decided by two people on two platforms.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockActionsBody, signedRequest } from '../fakes/slack';
import { buttonIds, textOf as discordText, waitForFake } from './discord-harness';
import { textOf as slackText, waitFor } from './slack-adapter-support';
import { REVIEWER, SECRET, runToGate as runToGateOn, startTwoPlatforms, type TwoPlatforms } from './two-platform-harness';

let bot: TwoPlatforms;
let templatesDir: string;
const runToGate = (template?: string) => runToGateOn(bot, template);

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
  templatesDir = templatesWithTeamReview();
  bot = await startTwoPlatforms({ templatesDir });
}, 120_000);

afterAll(async () => {
  await bot?.stop();
  if (templatesDir) rmSync(templatesDir, { recursive: true, force: true });
});

describe('one bot on Discord and Slack', () => {
  it('GIVEN a gate card on both platforms WHEN it is approved on Slack THEN the Discord copy is edited to show the decision', async () => {
    const { discord, slack, base } = bot;
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
    const { discord, guild } = bot;
    const { gateId, slackCard, discordCardId } = await runToGate();
    const click = discord.dispatchInteraction('button', { userId: '200000000000000002', username: 'rita', roles: [guild.roles.reviewers!], messageId: discordCardId, customId: `gate:${gateId}:approve` });
    expect((await click.waitForEdit()).content).toMatch(/^Approved gate #\d+/);
    await waitFor(() => slackCard.edits.length > 0 && !JSON.stringify(slackCard.blocks).includes(`gate:${gateId}:approve`), 'chat.update of the Slack copy');
    expect(slackText(slackCard)).toContain('Approved by rita');
    expect(slackText(slackCard)).toContain('Discord');
  });

  it('GIVEN a 2-approval gate WHEN Rui approves on Slack and Rita on Discord THEN both copies show "1 of 2: approved by rui", then the decision with both names', async () => {
    const { discord, slack, guild, base } = bot;
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
