import { Logger } from 'graphile-worker';

/**
 * graphile-worker logs every completed job at info level; 10,000 console lines would be
 * measuring the terminal. Keep only warnings and errors, on stderr.
 */
export function quietGraphileLogger(): Logger {
  return new Logger(() => (level, message) => {
    const lvl = String(level);
    if (lvl === 'error' || lvl === 'warning') console.error(`[graphile-worker ${lvl}] ${message}`);
  });
}
