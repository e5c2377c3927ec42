/**
 * Rejecting through Discord's form (on a rehearsal, so blocks take no time): Reject opens the
 * modal at once (no database work before it), the submitted reason reworks the block, and a new
 * gate card appears for the new attempt.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getLatestArtifact } from '../../src/store/artifacts.store';
import { listAuditForRun } from '../../src/store/audit.store';
import { OPEN_TIMEOUT_MS, testDatabases } from '../support/databases';
import { eventually } from '../support/factory-harness';
import { botPosts, buttonIds, startDiscordBot, textOf, waitForCardWithButton, waitForFake, type DiscordBot } from './discord-harness';

const REASON = 'Make the last line rhyme with deadlines';

describe.each(testDatabases())('rejecting a gate from Discord on $name', ({ open }) => {
  let bot: DiscordBot;

  beforeAll(async () => {
    bot = await startDiscordBot(open);
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    await bot?.stop();
  });

  it('GIVEN a gate card WHEN a reviewer rejects with a reason in the form THEN the block reruns with it and a new gate card appears', async () => {
    const { fake, people, app, guild } = bot;
    const tasks = guild.channels.tasks!;
    const command = fake.dispatchInteraction('command', { ...people.otto, channelId: guild.channels.general, name: 'factory', subcommand: 'run', options: { template: 'demo', simulate: true } });
    await command.waitForEdit();
    const [run] = await app.dispatch.service.listActiveRuns(new Date());
    const gateCard = await waitForCardWithButton(fake, tasks, /^gate:\d+:reject$/);
    const rejectId = buttonIds(gateCard).find((id) => id.endsWith(':reject'))!;

    const click = fake.dispatchInteraction('button', { ...people.rita, messageId: gateCard.id, customId: rejectId });
    const opened = await click.reply();
    expect(opened).toMatchObject({ type: 9, data: { custom_id: rejectId, title: expect.stringMatching(/^Reject gate #\d+/) } });

    const submit = fake.dispatchInteraction('modal', { ...people.rita, customId: rejectId, values: { reason: REASON } });
    expect(await submit.reply()).toEqual({ type: 5, data: { flags: 64 } });
    expect((await submit.waitForEdit()).content).toMatch(/^Rejected gate #\d+ \(Draft\)\. The block will be reworked with your reason\./);
    expect(submit.ephemeral).toBe(true);

    const rejected = await waitForFake(fake, () => {
      const card = fake.state.messages.get(gateCard.id);
      return card && buttonIds(card).length === 0 ? card : undefined;
    }, 'the rejected gate card without buttons');
    expect(textOf(rejected)).toContain(`Rejected by <@${people.rita.userId}>`);

    const rework = await eventually(async () => (await listAuditForRun(app.database.db, run!.id, { limit: 200 })).find((e) => e.action === 'block.rework'), 'the rework audit row');
    expect(JSON.stringify(rework)).toContain(REASON);

    const next = await waitForCardWithButton(fake, tasks, /^gate:\d+:approve$/, 20_000);
    expect(next.id).not.toBe(gateCard.id);
    const draft = await getLatestArtifact(app.database.db, run!.id, 'draft', 'draft');
    expect(draft?.attempt).toBeGreaterThan(2);
    expect(draft?.content).toContain(`Revised after feedback: ${REASON}`);
    // One card per gate in the tasks channel: the first (decided) and the new one.
    expect(botPosts(fake, tasks).filter((m) => m.embeds[0]?.title?.includes('Draft'))).toHaveLength(2);
  });
});
