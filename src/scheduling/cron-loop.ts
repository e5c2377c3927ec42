import cron from 'node-cron';
import type { Logger } from 'pino';

export interface CronLoop {
  /** Stops ticking and waits for a pass in progress to finish. */
  stop(): Promise<void>;
}

function cronLogger(log: Logger) {
  return {
    info: (message: string) => log.debug(message),
    warn: (message: string) => log.warn(message),
    error: (message: string | Error, err?: Error) => log.error({ err: err ?? message }, String(message)),
    debug: (message: string | Error) => log.debug(String(message)),
  };
}

/** Why a cron expression cannot drive a loop, in a sentence for the operator; null when it can. */
export function explainLoopCron(expression: string): string | null {
  return cron.validate(expression) ? null : `"${expression}" is not a cron expression node-cron understands (e.g. "*/30 * * * * *" for every 30 seconds)`;
}

/**
 * Runs `pass` on a node-cron schedule, never two passes at once: a tick that comes while a pass is
 * still running is skipped, not queued, so a slow database cannot make work pile up. Errors are
 * logged and the next tick tries again. The clock of the work itself is the caller's (`now`).
 */
export function startCronLoop(opts: { name: string; cron: string; log: Logger; pass: () => Promise<unknown> }): CronLoop {
  const why = explainLoopCron(opts.cron);
  if (why) throw new Error(`${opts.name}: ${why}`);
  let running: Promise<void> | null = null;
  let stopped = false;
  const task = cron.createTask(
    opts.cron,
    () => {
      if (running || stopped) return;
      running = opts
        .pass()
        .then(() => undefined)
        .catch((error: unknown) => opts.log.error({ err: error, loop: opts.name }, `${opts.name} pass failed; the next tick tries again`))
        .finally(() => {
          running = null;
        });
    },
    // node-cron's own notices (a missed tick while the event loop was busy) go to our log, not stdout.
    { name: opts.name, logger: cronLogger(opts.log.child({ loop: opts.name })) },
  );
  void task.start();
  return {
    async stop() {
      stopped = true;
      await task.stop();
      await task.destroy();
      await running;
    },
  };
}
