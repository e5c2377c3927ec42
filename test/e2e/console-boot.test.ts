/**
 * `src/main.ts` as a process, off a terminal: boot errors end in one sentence and exit 1 (no stack);
 * with no token and no terminal it runs headless, says how to get a chat, and SIGTERM stops it
 * cleanly with exit 0.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const STACK_LINE = /^\s+at .+:\d+/m;
const dirs: string[] = [];

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pf-e2e-boot-'));
  dirs.push(dir);
  return dir;
}

interface Started {
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
  signal(name: NodeJS.Signals): void;
}

/** Starts main.ts with stdin, stdout and stderr as pipes (not a terminal) and only the given settings. */
function startMain(settings: Record<string, string>): Started {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'development', PORT: '0', ...settings };
  const child = spawn(TSX, ['src/main.ts'], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
  return {
    stdout: () => out,
    stderr: () => err,
    exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
    signal: (name) => child.kill(name),
  };
}

async function until(check: () => boolean, what: string, timeoutMs: number, show: () => string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}:\n${show()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.concurrent('main.ts boot errors', () => {
  it('GIVEN an invalid PORT THEN one sentence naming the variable, exit 1, no stack', async () => {
    const main = startMain({ PORT: 'eighty', FACTORY_DATA_DIR: tempDir() });
    expect(await main.exited).toBe(1);
    expect(main.stderr()).toMatch(/^Process Factory cannot start: Invalid environment \(see \.env\.example\):\n- PORT: /);
    expect(main.stderr()).not.toMatch(STACK_LINE);
  }, 60_000);

  it('GIVEN FACTORY_CONFIG naming a missing file THEN the sentence says so, exit 1', async () => {
    const main = startMain({ FACTORY_CONFIG: '/nowhere/factory.config.json', FACTORY_DATA_DIR: tempDir() });
    expect(await main.exited).toBe(1);
    expect(main.stderr()).toMatch(/^Process Factory cannot start: Cannot read the config file \/nowhere\/factory\.config\.json \(FACTORY_CONFIG\)/);
    expect(main.stderr()).not.toMatch(STACK_LINE);
  }, 60_000);

  it('GIVEN the data directory in use by another live process THEN the database sentence, exit 1, no stack', async () => {
    const dataDir = tempDir();
    mkdirSync(join(dataDir, 'pglite'), { recursive: true });
    // Our own pid: a live process that is not the one starting.
    writeFileSync(join(dataDir, 'pglite', '.process-factory.lock'), String(process.pid));
    const main = startMain({ FACTORY_DATA_DIR: dataDir });
    expect(await main.exited).toBe(1);
    expect(main.stderr()).toContain(`Process Factory cannot start: another Process Factory (pid ${process.pid}) is using the embedded database`);
    expect(main.stderr()).not.toMatch(STACK_LINE);
  }, 60_000);
});

describe('main.ts with no chat token and no terminal', () => {
  it('GIVEN no token and stdin not a terminal THEN it runs headless, logs how to chat in JSON, and SIGTERM exits 0', async () => {
    const main = startMain({ FACTORY_DATA_DIR: tempDir() });
    const show = (): string => `${main.stdout()}\n${main.stderr()}`;
    await until(() => main.stdout().includes('process factory is running'), 'the app to run', 150_000, show);
    const lines = main.stdout().trim().split('\n').map((l) => JSON.parse(l) as { msg: string; level: number; adapters?: string[] });
    expect(lines.find((l) => l.msg.includes('runs headless'))?.msg).toMatch(/set DISCORD_TOKEN or SLACK_BOT_TOKEN .*run `npm start` in a terminal/);
    expect(lines.find((l) => l.msg === 'process factory is running')?.adapters).toEqual([]);

    main.signal('SIGTERM');
    expect(await main.exited).toBe(0);
    expect(main.stdout()).toContain('"msg":"stopped"');
    expect(main.stderr()).toBe('');
  }, 200_000);
});
