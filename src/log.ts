import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import pino, { type Logger } from 'pino';

export type { Logger };

export interface LoggerOptions {
  level: string;
  /** Pretty, human-readable lines (a terminal); otherwise one JSON object per line. */
  pretty: boolean;
  /** Write to this file instead of stdout (the console adapter owns the terminal). */
  file?: string;
  /** Write JSON lines to stderr (the stdio MCP server: stdout carries the protocol). */
  stderr?: boolean;
}

/** The process logger: JSON for machines, pretty in a terminal, or a file when the terminal is a chat. */
export function createLogger(options: LoggerOptions): Logger {
  const base = { level: options.level, base: { app: 'process-factory' } };
  if (options.file) {
    mkdirSync(dirname(options.file), { recursive: true });
    return pino(base, createWriteStream(options.file, { flags: 'a' }));
  }
  if (options.stderr) return pino(base, pino.destination(2));
  if (options.pretty) {
    return pino({ ...base, transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname,app' } } });
  }
  return pino(base);
}

/** A logger that drops everything, for tests and tools. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
