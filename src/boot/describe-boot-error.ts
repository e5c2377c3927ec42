import { ConfigError } from '../config';
import { ConfigFileError } from '../config-file';
import { DatabaseOpenError } from '../store/open-errors';

/** What the operator configured that a boot error may need to name. */
export interface BootErrorContext {
  port?: number;
}

const SENTENCE_ERRORS = [ConfigError, ConfigFileError, DatabaseOpenError];

/**
 * Turns a boot failure into the sentence the operator reads: what failed and how to fix it.
 * Errors of ours already carry that sentence; the common system errors get one here; anything
 * else is named with a hint to LOG_LEVEL=debug for the stack. Never a stack trace itself.
 */
export function describeBootError(error: unknown, context: BootErrorContext = {}): string {
  if (SENTENCE_ERRORS.some((type) => error instanceof type)) return `Process Factory cannot start: ${(error as Error).message}`;
  const e = error as NodeJS.ErrnoException & { syscall?: string; port?: number };
  const port = e?.port ?? context.port;
  if (e?.code === 'EADDRINUSE') {
    return `Process Factory cannot start: port ${port ?? '(PORT)'} is already in use. Stop the other process, or set PORT to a free port (PORT=0 picks one).`;
  }
  if (e?.code === 'EACCES' && e.syscall === 'listen') {
    return `Process Factory cannot start: port ${port ?? '(PORT)'} needs privileges this user lacks. Set PORT to 1024 or above.`;
  }
  if (e?.code === 'EACCES' || e?.code === 'EROFS' || e?.code === 'ENOSPC') {
    return `Process Factory cannot start: ${e.message}. Check that FACTORY_DATA_DIR is a writable directory with free space.`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `Process Factory cannot start: ${message}. Run with LOG_LEVEL=debug to see where it failed.`;
}
