/**
 * Both chat platforms on one bot: the real discord.js client and the real bolt App, each against
 * its local fake, sharing the store. A gate decided on one platform edits its card on the other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockActionsBody, signedRequest } from '../fakes/slack';
import { buttonIds, textOf as discordText, waitForFake } from './discord-harness';
import { textOf as slackText, waitFor } from './slack-adapter-support';
import { REVIEWER, SECRET, runToGate as runToGateOn, startTwoPlatforms, type TwoPlatforms } from './two-platform-harness';

let bot: TwoPlatforms;
const runToGate = () => runToGateOn(bot);

beforeAll(async () => {
  bot = await startTwoPlatforms();
}, 120_000);

afterAll(async () => {
  await bot?.stop();
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
});
