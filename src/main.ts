/**
 * The entry point (`npm start`): reads the configuration, picks the chat (Discord, Slack, the
 * console in a terminal, or none), opens the store and starts everything through createFactoryApp.
 * Boot failures end with one sentence and exit 1; SIGTERM, SIGINT and the console's "exit" stop
 * cleanly and exit 0.
 */
import type { FactoryApp } from './app';
import type { Database } from './store/database';
import { openFactoryDatabase } from './boot/open-factory-database';
import { readEnv, type Env } from './config';
import { loadFileConfig } from './config-file';
import { createLogger, type Logger } from './log';
import { chooseAdapters } from './boot/choose-adapters';
import { chooseChatMode, HEADLESS_HINT } from './boot/choose-chat-mode';
import { chooseLogOptions, consoleLogFile } from './boot/choose-log-options';
import { describeBootError } from './boot/describe-boot-error';
import { describeOpening, describeWelcome } from './boot/describe-startup';
import { exitProcess, Shutdown } from './boot/shutdown';

function printError(text: string): void {
  process.stderr.write(`${text}\n`);
}

/** The sentence, then the stack only when asked for (LOG_LEVEL=debug or trace). */
function reportBootError(error: unknown, env: Env | undefined, log?: Logger): void {
  printError(describeBootError(error, { port: env?.PORT }));
  if (env && (env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'trace') && error instanceof Error && error.stack) printError(error.stack);
  log?.error({ err: error }, 'boot failed');
}

function readEnvOrExit(): Env | undefined {
  try {
    return readEnv();
  } catch (error) {
    reportBootError(error, undefined);
    exitProcess(1);
    return undefined;
  }
}

async function main(): Promise<void> {
  const env = readEnvOrExit();
  if (!env) return;
  const mode = chooseChatMode(env, { stdinIsTTY: process.stdin.isTTY === true });
  const log = createLogger(chooseLogOptions(env, mode, process.stdout.isTTY === true));
  // Before the console chat is up, the terminal is ours to write to; in other modes, the log is.
  const say = mode === 'console' ? (text: string) => void process.stdout.write(`${text}\n`) : (text: string) => log.info(text);
  const shutdown = new Shutdown({ log, say, exit: exitProcess });
  process.on('SIGTERM', () => void shutdown.request('SIGTERM'));
  process.on('SIGINT', () => void shutdown.request('SIGINT'));
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled promise rejection'));

  let app: FactoryApp | undefined;
  let opening: Promise<Database> | undefined;
  try {
    const fileConfig = await loadFileConfig(env.FACTORY_CONFIG);
    if (mode === 'headless') log.warn(HEADLESS_HINT);
    say(describeOpening(env));
    // The database opens (on a first start: is created) while the adapters and the app's modules load.
    opening = openFactoryDatabase(env, log);
    opening.catch(() => undefined);
    const adapters = await chooseAdapters(mode, env, fileConfig, {
      input: process.stdin,
      output: process.stdout,
      banner: describeWelcome(env, consoleLogFile(env)),
      onExit: (reason) => void shutdown.request(`console ${reason}`),
    });
    // Imported once the configuration is known good: the app's modules take seconds to load, and
    // a typo in the environment should be reported at once.
    const { createFactoryApp } = await import('./app');
    app = await createFactoryApp({ env, fileConfig, log, adapters, database: await opening });
    shutdown.setApp(app);
    if (shutdown.requested) return;
    await app.start();
  } catch (error) {
    reportBootError(error, env, log);
    // Release what did open (the database and its data-directory lock) before leaving.
    await app?.stop().catch((stopError: unknown) => log.warn({ err: stopError }, 'stop after a failed boot failed'));
    if (!app) await opening?.then((database) => database.close()).catch(() => undefined);
    exitProcess(1);
  }
}

await main();
