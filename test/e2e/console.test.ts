/**
 * The acceptance path, in a real terminal: on a fresh data directory with no chat token,
 * `npm start` shows the console bot; `/factory run demo`, approve its gate by pressing the number
 * printed on the gate card, and `/factory status <run>` shows it completed; Ctrl-C exits cleanly.
 * The terminal is a pseudo-terminal from util-linux `script`; assertions read the emulated screen.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasUtilLinuxScript, PtySession } from './console-pty';

const ROOT = new URL('../..', import.meta.url).pathname;
// PGlite's first start takes ~5 s on an idle machine, far longer when every core is busy.
const BOOT_MS = 150_000;
const DEMO_MS = 90_000;
const STEP_MS = 30_000;

/** The environment of a fresh machine: no chat tokens, no PostgreSQL, our own data directory. */
function freshEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(DISCORD_|SLACK_|FACTORY_|DATABASE_URL$|PORT$|LOG_LEVEL$|NO_COLOR$|VITEST)/.test(key)) continue;
    env[key] = value;
  }
  return { ...env, FACTORY_DATA_DIR: dataDir, PORT: '0', TERM: 'xterm-256color', NODE_ENV: 'development' };
}

const canRun = hasUtilLinuxScript();
if (!canRun && process.platform === 'linux') {
  throw new Error('The console e2e test needs util-linux `script` (Debian/Ubuntu: apt-get install bsdutils).');
}

describe.skipIf(!canRun)('npm start in a terminal, with no chat token', () => {
  let dataDir: string;
  let pty: PtySession;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'pf-e2e-console-'));
    pty = new PtySession('npm start', { cwd: ROOT, env: freshEnv(dataDir), cols: 100, rows: 40 });
  });
  afterAll(async () => {
    await pty?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'GIVEN /factory run demo THEN the gate card shows numbered buttons; pressing Approve’s number and /factory status show the run completed; Ctrl-C exits 0',
    async () => {
      await pty.waitFor(/first start: creating the embedded database takes a few seconds/, 'the first-start note', BOOT_MS);
      await pty.waitFor(/Process Factory — embedded PGlite in .+\(fsync off/, 'the welcome', BOOT_MS);
      await pty.waitFor(/^factory>$/m, 'the prompt', BOOT_MS, 'visible');

      pty.type('/factory run demo\r');
      await pty.waitFor(/^factory> \/factory run demo$/m, 'the command echoed at the prompt', STEP_MS);
      const [, runId] = await pty.waitFor(/│ demo · run (\d+) · /, 'the run-started card', STEP_MS);
      // The gate card: a box titled "Approve: Draft", its buttons numbered under it.
      const [, approve] = await pty.waitFor(/│ Approve: Draft \(a haiku about deadlines\) +│[\s\S]*?\n\[(\d+)\] Approve {2}\[\d+\] Reject/, 'the gate card', DEMO_MS);
      const gateCard = pty.text();
      expect(gateCard).toMatch(/┌─{98}┐\n│ Approve: Draft/);
      expect(gateCard).toMatch(/│ Score: +90% \(minimum 80%\) ✓ +│/);

      pty.type(`${approve}\r`);
      await pty.waitFor(new RegExp(`^factory> ${approve}$`, 'm'), 'the number echoed', STEP_MS);
      await pty.waitFor(/Approved gate #\d+ \(Draft\)\. Next: Publish\./, 'the approval reply', STEP_MS);
      await pty.waitFor(/│ ✅ Completed: a haiku about deadlines +│/, 'the run-completed card', DEMO_MS);

      pty.type(`/factory status ${runId}\r`);
      await pty.waitFor(new RegExp(`^factory> /factory status ${runId}$`, 'm'), 'the status command echoed', STEP_MS);
      // The status reply is the last card: it is on screen now, with the prompt back under it.
      const visible = await pty.waitFor(/│ ✅ a haiku about deadlines: completed +│[\s\S]*│ Progress: +6\/6 blocks done +│[\s\S]*\nfactory>$/, 'the completed status', STEP_MS, 'visible');
      expect(visible[0]).toMatch(/│ ✅ Publish: \d+s +│/);

      pty.type('\u0003');
      const exit = await pty.exited;
      expect(exit).toEqual({ code: 0, signal: null });
      const after = pty.text();
      expect(after).toContain('Stopping…');
      expect(after).not.toMatch(/^\s+at .+:\d+/m);
    },
    BOOT_MS + 2 * DEMO_MS,
  );
});
