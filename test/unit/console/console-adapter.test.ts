/**
 * The console chat on the real app (PGlite, migrations, runner, outbox, commands) with in-memory
 * streams: what a person types, what the terminal prints.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleAdapterFactory } from '../../../adapters/console/console-adapter';
import { createFactoryApp, type FactoryApp } from '../../../src/app';
import { readEnv } from '../../../src/config';
import { EMPTY_FILE_CONFIG } from '../../../src/config-file';
import { silentLogger } from '../../../src/log';
import { OPEN_TIMEOUT_MS, testDatabases } from '../../support/databases';
import { buildGateCard } from '../../../src/cards/gate-card';
import { VirtualScreen } from '../../e2e/console-screen';
import { NOW, makeGate } from '../cards/fixtures';
import { TypedConsole } from './typed-console';

const [pglite] = testDatabases({ only: 'pglite' });
const templatesDir = new URL('../../../templates', import.meta.url).pathname;
const STACK_LINE = /^\s+at .+:\d+/m;

/** Every "[n] Label" printed, in order. */
const printedNumbers = (text: string): number[] => [...text.matchAll(/\[(\d+)\] [A-Z]/g)].map((m) => Number(m[1]));

describe('the console chat on the real app', () => {
  const term = new TypedConsole();
  const exits: string[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'pf-console-'));
  let app: FactoryApp;

  beforeAll(async () => {
    const database = await pglite!.open();
    const env = readEnv({ PORT: '0', FACTORY_DATA_DIR: dataDir, FACTORY_TEMPLATES_DIR: templatesDir, SIMULATE_TIME_SCALE: '0' });
    app = await createFactoryApp({
      env,
      fileConfig: EMPTY_FILE_CONFIG,
      log: silentLogger(),
      database,
      adapters: [consoleAdapterFactory({ input: term.input, output: term.output, width: 80, color: false, banner: 'Welcome to the test', onExit: (r) => exits.push(r) })],
    });
    await app.start(0);
  }, OPEN_TIMEOUT_MS);
  // stop() closes the database too (the harness's leak guard sees it closed).
  afterAll(async () => {
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('GIVEN start THEN the banner and the "factory> " prompt are shown', async () => {
    await term.waitFor(/Welcome to the test\nfactory> $/, 'the prompt');
  });

  it('GIVEN /factory run demo simulate THEN the gate card arrives boxed with numbered buttons; its Approve number approves; status shows the run completed', async () => {
    const started = term.type('/factory run demo simulate');
    const [, runId] = await term.waitFor(/demo · run (\d+)/, 'the run-started card', started);
    const [, approve] = await term.waitFor(/\[(\d+)\] Approve {2}\[\d+\] Reject/, 'the gate card', started);
    expect(term.since(started)).toMatch(/┌─+┐\n│ Approve: Draft/);

    const pressed = term.type(approve!);
    await term.waitFor(/Approved gate #\d+ \(Draft\)\. Next: Publish\./, 'the approval reply', pressed);
    await term.waitFor(/↻ updated #\d+\n┌─+┐\n│ Approved: Draft/, 'the gate card reprinted as decided', pressed);
    await term.waitFor(/│ ✅ Completed: /, 'the run-completed card', pressed);

    const asked = term.type(`/factory status ${runId}`);
    await term.waitFor(/│ ✅ .+: completed +│/, 'the completed status card', asked);
    expect(term.since(asked)).toContain('6/6 blocks done');
    expect(printedNumbers(term.text)).toEqual([...new Set(printedNumbers(term.text))]);
  });

  it('GIVEN an older card’s number THEN it says the card was updated instead of acting on it', async () => {
    const [, first] = /\[(\d+)\] Approve/.exec(term.text)!;
    const mark = term.type(first!);
    await term.waitFor(/was on an older version of card #\d+; use the numbers on its newest copy/, 'the retired-number note', mark);
  });

  it('GIVEN Reject THEN the reason is asked inline ("Reason (required): ") and the answer rejects the gate', async () => {
    const started = term.type('run demo simulate');
    const [, reject] = await term.waitFor(/\[\d+\] Approve {2}\[(\d+)\] Reject/, 'the second gate card', started);
    const pressed = term.type(reject!);
    await term.waitFor(/✎ Reject gate #\d+[\s\S]*Reason \(required\): $/, 'the reason question', pressed);
    const answered = term.type('The second stanza drags');
    await term.waitFor(/Rejected gate #\d+ \(Draft\)\. The block will be reworked with your reason\./, 'the rejection reply', answered);
  });

  it('GIVEN a reason typed ahead with the number THEN it still answers the question, not the prompt', async () => {
    const started = term.type('run demo simulate');
    const [, reject] = await term.waitFor(/\[\d+\] Approve {2}\[(\d+)\] Reject/, 'the third gate card', started);
    const pressed = term.mark();
    term.input.write(`${reject}\nNeeds a title\n`);
    await term.waitFor(/Rejected gate #\d+ \(Draft\)/, 'the rejection reply', pressed);
    expect(term.since(pressed)).not.toContain('Unknown subcommand');
  });

  it('GIVEN an empty answer to the reason THEN nothing is sent', async () => {
    const started = term.type('run demo simulate');
    const [, reject] = await term.waitFor(/\[\d+\] Approve {2}\[(\d+)\] Reject/, 'the fourth gate card', started);
    const pressed = term.type(reject!);
    await term.waitFor(/Reason \(required\): $/, 'the reason question', pressed);
    const answered = term.type('');
    await term.waitFor(/Cancelled: nothing was sent\./, 'the cancel note', answered);
    expect(term.since(answered)).not.toContain('Rejected gate');
  });

  it('GIVEN an unknown subcommand THEN the usage sentence, never a stack trace', async () => {
    const mark = term.type('/factory frobnicate now');
    await term.waitFor(/Unknown subcommand "frobnicate"\. Try `\/factory help`; subcommands:\s+status,/, 'the usage sentence', mark);
    const bad = term.type('/factory status not-a-run');
    await term.waitFor(/factory> $/, 'the next prompt', bad);
    expect(term.since(mark)).not.toMatch(STACK_LINE);
    expect(term.since(mark)).not.toMatch(/Error:|TypeError|ZodError/);
  });

  it('GIVEN a number no card shows, or another bot’s slash command THEN a note says what to do', async () => {
    const mark = term.type('999');
    await term.waitFor(/There is no button \[999\]/, 'the unknown-number note', mark);
    const slash = term.type('/status');
    await term.waitFor(/\/status is not a command here\. Commands start with \/factory/, 'the slash note', slash);
  });

  it('GIVEN help THEN the console tips and every subcommand are listed', async () => {
    const mark = term.type('help');
    await term.waitFor(/press the button printed as \[2\][\s\S]*\/factory run <template>/, 'the help', mark);
  });

  it('GIVEN a card posted while the person is typing in a terminal THEN it prints above, the prompt keeps the typed text, and DMs and updates are marked', async () => {
    const tty = new TypedConsole();
    Object.assign(tty.input, { isTTY: true, setRawMode: () => tty.input });
    Object.assign(tty.output, { isTTY: true, columns: 60 });
    const left: string[] = [];
    const adapter = consoleAdapterFactory({ input: tty.input, output: tty.output, color: false, onExit: (r) => left.push(r) }).create({
      dispatch: app.dispatch,
      http: app.http,
      log: silentLogger(),
      now: () => NOW,
    });
    await adapter.start();
    try {
      tty.input.write('stat');
      await tty.waitFor(/stat$/, 'the typed text echoed');
      const gate = buildGateCard(makeGate(), { now: NOW });
      const ref = await adapter.post({ channelId: 'console' }, gate);
      expect(ref).toMatchObject({ platform: 'console', channelId: 'console' });

      const screen = new VirtualScreen(60, 60);
      screen.write(tty.text.replace(/\n/g, '\r\n'));
      const rows = screen.visible().filter((r) => r !== '');
      expect(rows.at(-1)).toBe('factory> stat');
      expect(rows).toContain('#1');
      expect(rows.some((r) => /^\[1\] Approve {2}\[2\] Reject {2}\[3\] Claim/.test(r))).toBe(true);
      expect(rows.filter((r) => r.startsWith('factory>'))).toEqual(['factory> stat']);

      await adapter.update(ref, buildGateCard(makeGate({ status: 'approved', decidedAt: NOW, decidedBy: { platform: 'console', name: 'you' } }), { now: NOW }));
      const dm = await adapter.dm('ana', gate);
      expect(dm.messageId).not.toBe(ref.messageId);
      expect(await adapter.openThread?.(ref, 'thread')).toBeNull();
      expect(tty.text).toContain('↻ updated #1');
      expect(tty.text).toContain('→ DM to ana · #2');
      expect(tty.text).toMatch(/\[5\] Approve/); // the first card took 1-4 (Approve, Reject, Claim, Reassign)

      tty.input.write('\u0015\u0004'); // Ctrl-U clears the typed text, Ctrl-D on an empty line ends input
      await expect.poll(() => left).toEqual(['end']);
    } finally {
      await adapter.stop();
    }
  });

  it('GIVEN exit THEN the adapter asks the app to stop, and stops reading', async () => {
    const mark = term.type('exit');
    await expect.poll(() => exits).toEqual(['exit']);
    term.type('status');
    await new Promise((r) => setTimeout(r, 200));
    expect(term.since(mark)).not.toContain('Active runs');
  });
});
