import { join } from 'node:path';
import type { Env } from '../config';
import type { LoggerOptions } from '../log';
import type { ChatMode } from './choose-chat-mode';

/** Where the console chat's logs go: it owns the terminal, so logs would tear its cards apart. */
export function consoleLogFile(env: Pick<Env, 'FACTORY_DATA_DIR'>): string {
  return join(env.FACTORY_DATA_DIR, 'factory.log');
}

/**
 * Logging for the chat mode: a file when the console chat owns the terminal; pretty lines when a
 * person watches a terminal; one JSON object per line otherwise (containers, log shippers). Pure.
 */
export function chooseLogOptions(env: Pick<Env, 'LOG_LEVEL' | 'FACTORY_DATA_DIR'>, mode: ChatMode, stdoutIsTTY: boolean): LoggerOptions {
  if (mode === 'console') return { level: env.LOG_LEVEL, pretty: false, file: consoleLogFile(env) };
  return { level: env.LOG_LEVEL, pretty: stdoutIsTTY };
}
