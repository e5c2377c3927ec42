/**
 * Discord misbehaving in the middle of a run: the gateway drops (the bot resumes and the run goes
 * on), REST answers 500 and 429 for a while (cards queued meanwhile land once, exactly once), and
 * a restart with commands already registered does not register them again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployCommands } from '../../adapters/discord/deploy-commands';
import type { SyncOutcome } from '../../adapters/discord/sync-commands';
import { OPEN_TIMEOUT_MS, testDatabases } from '../support/databases';
import { eventually } from '../support/factory-harness';
import { botPosts, buttonIds, startDiscordBot, textOf, waitForFake, type DiscordBot } from './discord-harness';

const CHANNEL_POSTS = /^\/channels\/\d+\/messages$/;

describe.each(testDatabases())('the Discord bot under trouble on $name', ({ open }) => {
  let bot: DiscordBot;
  let deployed: SyncOutcome | undefined;

  beforeAll(async () => {
    bot = await startDiscordBot(open, {
      beforeStart: async (_fake, env) => {
        deployed = await deployCommands(env);
      },
    });
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    await bot?.stop();
  });

  it('GIVEN commands:deploy ran before the start THEN the bot only checks them (one GET, no PUT)', () => {
    expect(deployed).toEqual({ changed: true, scope: 'guild', reason: 'not registered yet' });
    expect(bot.fake.requestsMatching({ method: 'PUT', path: /\/commands$/ })).toHaveLength(1);
    expect(bot.fake.requestsMatching({ method: 'GET', path: /\/commands$/ })).toHaveLength(2);
  });

  it('GIVEN a run WHEN the gateway drops and REST answers 500 then 429 THEN the bot resumes, every card lands exactly once, and the run completes', async () => {
    const { fake, people, app, guild } = bot;
    const general = guild.channels.general!;
    const tasks = guild.channels.tasks!;
    const command = fake.dispatchInteraction('command', { ...people.otto, channelId: general, name: 'factory', subcommand: 'run', options: { template: 'demo' } });
    await command.waitForEdit();
    const [run] = await app.dispatch.service.listActiveRuns(new Date());
    await waitForFake(fake, () => botPosts(fake, general).find((m) => m.embeds[0]?.title?.includes(run!.name)), 'the run status card');

    // discord.js tries a 5xx four times before giving up, so the outbox sees one failed send;
    // the 429s that follow are waited out by discord.js itself.
    fake.failNext({ method: 'POST', path: CHANNEL_POSTS }, { status: 500, times: 4 });
    fake.failNext({ method: 'POST', path: CHANNEL_POSTS }, { status: 429, times: 2, retryAfter: 0.05 });
    await fake.dropConnection();
    // Asked while the socket is down: Discord replays it to the resumed session.
    const asked = fake.dispatchInteraction('command', { ...people.vic, channelId: general, name: 'factory', subcommand: 'status', options: { run: run!.id, public: true } });
    await fake.waitForOpcode(6, 1, 10_000);
    expect(textOf(await asked.waitForFollowUp(1, 10_000))).toContain(run!.name);

    // The send that met the 500s is failed and due again after the outbox's backoff (5 s). Move
    // the app's clock to that moment instead of waiting. (A pass with a later `now` than the live
    // loop's would take over rows the loop holds: one clock for both.)
    const failed = await eventually(
      () => app.database.db.selectFrom('outbox').select(['next_attempt_at', 'last_error']).where('status', '!=', 'sent').where('last_error', 'is not', null).executeTakeFirst(),
      'a send that met the 500s',
    );
    expect(failed.last_error).toMatch(/500/);
    bot.clock.advance(failed.next_attempt_at.getTime() - bot.clock.now().getTime() + 1);
    await app.outbox.deliverDue();
    const gateCard = await waitForFake(fake, () => botPosts(fake, tasks).find((m) => buttonIds(m).some((id) => /^gate:\d+:approve$/.test(id))), 'the gate card', 20_000);
    expect(fake.failures.outstanding).toBe(0);
    expect(fake.requests.filter((r) => r.status === 500)).toHaveLength(4);
    expect(fake.requests.filter((r) => r.status === 429)).toHaveLength(2);

    // The click travels over the resumed session.
    const click = fake.dispatchInteraction('button', { ...people.rita, messageId: gateCard.id, customId: buttonIds(gateCard).find((id) => id.endsWith(':approve'))! });
    expect((await click.waitForEdit()).content).toMatch(/^Approved gate #\d+/);
    await eventually(async () => (await app.dispatch.service.getRun(run!.id, bot.clock.now())).status === 'completed', 'the run to complete');
    await eventually(async () => (await unsentOutboxRows()) === 0 || undefined, 'every outbox row sent');

    // Exactly one message per card: what the fake holds matches what the outbox recorded.
    const refs = await app.database.db.selectFrom('message_refs').select(['channel_id', 'thread_id', 'message_id']).where('platform', '=', 'discord').execute();
    const posted = [...fake.state.channels.keys()].flatMap((id) => botPosts(fake, id).map((m) => m.id));
    expect(posted.sort()).toEqual(refs.map((r) => r.message_id).sort());
    const titles = posted.map((id) => `${fake.state.messages.get(id)!.channel_id}|${textOf(fake.state.messages.get(id))}`);
    expect(new Set(titles).size).toBe(titles.length);
    expect(fake.resumes).toBeGreaterThanOrEqual(1);
  });

  async function unsentOutboxRows(): Promise<number> {
    const rows = await bot.app.database.db.selectFrom('outbox').select('status').where('status', '!=', 'sent').execute();
    return rows.length;
  }
});
