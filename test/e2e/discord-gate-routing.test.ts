/**
 * Where a gate card lands on Discord: by default once, in the tasks channel, with one line in the
 * run's thread pointing there; with `cards.gate_copies` also in the channel the run was started
 * from (as before), every copy edited on the decision.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIMessage } from 'discord.js';
import { OPEN_TIMEOUT_MS, testDatabases } from '../support/databases';
import type { FakeDiscord } from '../fakes/discord';
import { botPosts, buttonIds, startDiscordBot, textOf, waitForCardWithButton, waitForFake, type DiscordBot } from './discord-harness';

/** Starts a rehearsal of the demo from #general; its status card, thread and first gate card. */
async function startRun(bot: DiscordBot, name: string) {
  const { fake, people, app, guild } = bot;
  const general = guild.channels.general!;
  const command = fake.dispatchInteraction('command', { ...people.otto, channelId: general, name: 'factory', subcommand: 'run', options: { template: 'demo', name, simulate: true } });
  await command.waitForEdit();
  const run = (await app.dispatch.service.listActiveRuns(new Date())).find((r) => r.name === name)!;
  const status = await waitForFake(fake, () => botPosts(fake, general).find((m) => m.embeds[0]?.title?.includes(name)), 'the run status card');
  const thread = await waitForFake(fake, () => fake.state.channels.get(status.id), 'the run thread');
  const gateCard = await waitForCardWithButton(fake, guild.channels.tasks!, /^gate:\d+:approve$/, 20_000);
  const approveId = buttonIds(gateCard).find((id) => id.endsWith(':approve'))!;
  return { run, general, thread, gateCard, approveId, gateId: approveId.split(':')[1]! };
}

/** Every message the bot posted anywhere that carries this gate's buttons. */
function cardsOf(fake: FakeDiscord, approveId: string): APIMessage[] {
  return [...fake.state.messages.values()].filter((m) => m.author.id === fake.botUser.id && buttonIds(m).includes(approveId));
}

describe.each(testDatabases())('where gate cards go on Discord on $name', ({ open }) => {
  describe('GIVEN a tasks channel and no copies asked for', () => {
    let bot: DiscordBot;
    beforeAll(async () => {
      bot = await startDiscordBot(open);
    }, OPEN_TIMEOUT_MS);
    afterAll(async () => {
      await bot?.stop();
    });

    it('THEN exactly one gate card, in the tasks channel, and a link line in the run thread', async () => {
      const { fake, people } = bot;
      const { thread, gateCard, approveId, gateId, general } = await startRun(bot, 'one-place');
      const link = await waitForFake(fake, () => botPosts(fake, thread.id).find((m) => textOf(m).includes(`Gate ${gateId} is waiting for review: see #tasks`)), 'the link line in the run thread');
      expect(buttonIds(link)).toEqual([]);
      expect(cardsOf(fake, approveId).map((m) => m.channel_id)).toEqual([bot.guild.channels.tasks]);
      expect(botPosts(fake, general).filter((m) => buttonIds(m).includes(approveId))).toEqual([]);

      const click = fake.dispatchInteraction('button', { ...people.rita, messageId: gateCard.id, customId: approveId });
      await click.waitForEdit();
      await waitForFake(fake, () => buttonIds(fake.state.messages.get(gateCard.id)).length === 0, 'the gate card edited after the decision');
      expect(textOf(fake.state.messages.get(link.id))).toContain(`Gate ${gateId} is waiting for review`);
    });
  });

  describe('GIVEN cards.gate_copies', () => {
    let bot: DiscordBot;
    beforeAll(async () => {
      bot = await startDiscordBot(open, { cards: { gate_copies: true } });
    }, OPEN_TIMEOUT_MS);
    afterAll(async () => {
      await bot?.stop();
    });

    it('THEN the card is in the tasks channel and the run’s channel, no link line, and both copies are edited on the decision', async () => {
      const { fake, people } = bot;
      const { thread, gateCard, approveId, gateId, general } = await startRun(bot, 'copies');
      const copy = await waitForFake(fake, () => botPosts(fake, general).find((m) => buttonIds(m).includes(approveId)), 'the copy in the run’s channel');
      expect(cardsOf(fake, approveId).map((m) => m.channel_id).sort()).toEqual([general, bot.guild.channels.tasks].sort());
      expect(botPosts(fake, thread.id).filter((m) => textOf(m).includes(`Gate ${gateId} is waiting for review`))).toEqual([]);

      const click = fake.dispatchInteraction('button', { ...people.rita, messageId: gateCard.id, customId: approveId });
      await click.waitForEdit();
      await waitForFake(fake, () => [gateCard.id, copy.id].every((id) => buttonIds(fake.state.messages.get(id)).length === 0), 'both copies edited after the decision');
    });
  });
});
