/**
 * A decision made through the REST API is the same decision as a button click: the same service
 * call, so every copy of the gate card (Discord and Slack) is edited the same way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiToken } from '../../src/api/auth/issue-token';
import { blockActionsBody, signedRequest } from '../fakes/slack';
import { consoleActor } from '../support/factory-harness';
import { buttonIds, textOf as discordText, waitForFake } from './discord-harness';
import { textOf as slackText, waitFor } from './slack-adapter-support';
import { REVIEWER, SECRET, runToGate, startTwoPlatforms, type TwoPlatforms } from './two-platform-harness';

let bot: TwoPlatforms;
beforeAll(async () => {
  bot = await startTwoPlatforms();
}, 120_000);
afterAll(async () => {
  await bot?.stop();
});

/** The shape of a decided Discord card without who decided and when: what must match. */
function shapeOf(message: NonNullable<ReturnType<TwoPlatforms['discord']['state']['messages']['get']>>) {
  const embeds = (message.embeds ?? []) as Array<{ title?: string; color?: number; fields?: Array<{ name: string }> }>;
  return { buttons: buttonIds(message).map((id) => id.replace(/\d+/g, 'N')), embeds: embeds.map((e) => ({ color: e.color, fields: (e.fields ?? []).map((f) => f.name) })) };
}

describe('REST decisions on a bot with Discord and Slack', () => {
  it('GIVEN two gates WHEN one is approved by a Slack click and one through POST /v1/gates/{id}/approve THEN both platforms show both decisions the same way', async () => {
    const { discord, slack, base, database } = bot;
    const clicked = await runToGate(bot);
    const click = blockActionsBody({
      action_id: `gate:${clicked.gateId}:approve`,
      user: { id: REVIEWER.id, username: REVIEWER.name, name: REVIEWER.name },
      trigger_id: slack.issueTriggerId(),
      channel: clicked.slackCard.channel,
      message: { ts: clicked.slackCard.ts, blocks: clicked.slackCard.blocks ?? [] },
      response_url: slack.issueResponseUrl({ channel: clicked.slackCard.channel, messageTs: clicked.slackCard.ts, user: REVIEWER.id }),
    });
    expect((await signedRequest(base, '/slack/events', click, { secret: SECRET })).status).toBe(200);

    const viaApi = await runToGate(bot);
    const { secret } = await issueApiToken(database, { name: 'release-bot', role: 'reviewer', scopes: ['gates:decide'], actor: consoleActor }, new Date());
    const res = await fetch(`${base}/v1/gates/${viaApi.gateId}/approve`, { method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, body: JSON.stringify({ notes: 'shipped by CI' }) });
    expect(res.status).toBe(200);

    const decided = async (cardId: string, gateId: string) =>
      waitForFake(discord, () => {
        const message = discord.state.messages.get(cardId);
        return message && !buttonIds(message).includes(`gate:${gateId}:approve`) ? message : undefined;
      }, `the Discord card of gate ${gateId} to lose its buttons`);
    const byClick = await decided(clicked.discordCardId, clicked.gateId);
    const byApi = await decided(viaApi.discordCardId, viaApi.gateId);
    expect(discordText(byApi)).toContain('Approved by release-bot');
    expect(discordText(byApi)).toContain('REST API');
    expect(discordText(byApi)).toContain('shipped by CI');
    expect(shapeOf(byApi)).toEqual(shapeOf(byClick));

    for (const card of [clicked.slackCard, viaApi.slackCard]) await waitFor(() => card.edits.length > 0 && !JSON.stringify(card.blocks).includes(':approve'), 'chat.update of the Slack copy');
    expect(slackText(viaApi.slackCard)).toContain('Approved by release-bot');
    expect(slackText(viaApi.slackCard)).toContain('REST API');
    const types = (blocks: unknown[] | undefined) => (blocks ?? []).map((b) => (b as { type: string }).type);
    expect(types(viaApi.slackCard.blocks)).toEqual(types(clicked.slackCard.blocks));
  });
});
