import { describe, expect, it } from 'vitest';
import { chooseChatMode } from '../../../src/boot/choose-chat-mode';
import { chooseLogOptions } from '../../../src/boot/choose-log-options';
import { describeBootError } from '../../../src/boot/describe-boot-error';
import { describeWelcome } from '../../../src/boot/describe-startup';
import { Shutdown } from '../../../src/boot/shutdown';
import { readEnv } from '../../../src/config';
import { ConfigFileError } from '../../../src/config-file';
import { silentLogger } from '../../../src/log';
import { DatabaseOpenError } from '../../../src/store/open-errors';

const env = (over: Record<string, string> = {}) => readEnv({ FACTORY_DATA_DIR: './data', ...over });

describe('chooseChatMode', () => {
  it('GIVEN a chat token THEN platforms, terminal or not', () => {
    expect(chooseChatMode(env({ DISCORD_TOKEN: 't' }), { stdinIsTTY: true })).toBe('platforms');
    expect(chooseChatMode(env({ SLACK_BOT_TOKEN: 'xoxb-1' }), { stdinIsTTY: false })).toBe('platforms');
  });

  it('GIVEN no token THEN the console in a terminal, headless elsewhere', () => {
    expect(chooseChatMode(env(), { stdinIsTTY: true })).toBe('console');
    expect(chooseChatMode(env({ DISCORD_TOKEN: '  ' }), { stdinIsTTY: false })).toBe('headless');
  });
});

describe('chooseLogOptions', () => {
  it('GIVEN the console owns the terminal THEN logs go to factory.log in the data directory', () => {
    expect(chooseLogOptions(env({ LOG_LEVEL: 'debug' }), 'console', true)).toEqual({ level: 'debug', pretty: false, file: 'data/factory.log' });
  });

  it('GIVEN a terminal and no console chat THEN pretty; no terminal THEN JSON', () => {
    expect(chooseLogOptions(env(), 'platforms', true)).toEqual({ level: 'info', pretty: true });
    expect(chooseLogOptions(env(), 'headless', false)).toEqual({ level: 'info', pretty: false });
  });
});

describe('describeBootError', () => {
  it('GIVEN our errors THEN their sentence, as written', () => {
    expect(describeBootError(new ConfigFileError('factory.config.json is invalid'))).toBe('Process Factory cannot start: factory.config.json is invalid');
    expect(describeBootError(new DatabaseOpenError('unreachable', 'cannot reach PostgreSQL at db:5432'))).toContain('cannot reach PostgreSQL at db:5432');
  });

  it('GIVEN the port is taken THEN it names the port and the fix', () => {
    const busy = Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE', syscall: 'listen' });
    expect(describeBootError(busy, { port: 3000 })).toBe(
      'Process Factory cannot start: port 3000 is already in use. Stop the other process, or set PORT to a free port (PORT=0 picks one).',
    );
  });

  it('GIVEN anything else THEN one sentence that points to LOG_LEVEL=debug, without the stack', () => {
    const text = describeBootError(new TypeError('boom'));
    expect(text).toBe('Process Factory cannot start: boom. Run with LOG_LEVEL=debug to see where it failed.');
    expect(text).not.toContain('\n');
  });
});

describe('describeWelcome', () => {
  it('GIVEN PGlite THEN it says fsync is off and points to DATABASE_URL; GIVEN PostgreSQL THEN it names the server, never the password', () => {
    expect(describeWelcome(env(), 'data/factory.log')).toMatch(/^Process Factory — embedded PGlite in \.\/data \(fsync off: for trying and small teams; use DATABASE_URL for production\)\./);
    const pg = describeWelcome(env({ DATABASE_URL: 'postgres://ana:secret@db.internal:5433/factory' }), 'data/factory.log');
    expect(pg).toContain('PostgreSQL at db.internal:5433/factory');
    expect(pg).not.toContain('secret');
  });
});

describe('Shutdown', () => {
  const harness = () => {
    const said: string[] = [];
    const exits: number[] = [];
    const shutdown = new Shutdown({ log: silentLogger(), say: (t) => said.push(t), exit: (c) => exits.push(c) });
    return { said, exits, shutdown };
  };

  it('GIVEN a request THEN the app stops once and the process exits 0; a second request exits at once (130)', async () => {
    const { exits, shutdown } = harness();
    let stops = 0;
    let finish: () => void = () => undefined;
    shutdown.setApp({ stop: () => new Promise<void>((resolve) => ((stops += 1), (finish = resolve))) });
    const first = shutdown.request('SIGTERM');
    void shutdown.request('SIGINT');
    expect(exits).toEqual([130]);
    finish();
    await first;
    expect(stops).toBe(1);
    expect(exits).toEqual([130, 0]);
  });

  it('GIVEN a request during boot THEN it is held and the app is stopped as soon as it exists', async () => {
    const { said, exits, shutdown } = harness();
    await shutdown.request('SIGINT');
    expect(shutdown.requested).toBe(true);
    expect(said).toEqual(['Stopping as soon as the database is open…']);
    let stopped = false;
    shutdown.setApp({ stop: async () => void (stopped = true) });
    await expect.poll(() => exits).toEqual([0]);
    expect(stopped).toBe(true);
  });

  it('GIVEN stop fails THEN exit 1', async () => {
    const { exits, shutdown } = harness();
    shutdown.setApp({ stop: () => Promise.reject(new Error('disk gone')) });
    await shutdown.request('SIGTERM');
    expect(exits).toEqual([1]);
  });
});
