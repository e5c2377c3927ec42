import type { Logger } from '../log';

/** What the shutdown stops: the app from createFactoryApp. */
export interface Stoppable {
  stop(): Promise<void>;
}

/** How the shutdown reports and ends the process (injected, so tests can watch it). */
export interface ShutdownOptions {
  log: Logger;
  /** Tells the person at the terminal (or the log) what is happening. */
  say: (text: string) => void;
  exit: (code: number) => void;
  /** Give up on a clean stop after this long (default 30 s: the runner's grace plus slack). */
  forceAfterMs?: number;
}

/**
 * One stop for every way of asking (SIGTERM, SIGINT, "exit" in the console, Ctrl-D): stops the app
 * once, then exits 0. A second request while stopping exits at once (130), like a second Ctrl-C
 * anywhere. A request during boot is held until the app exists, then honoured before it starts.
 */
export class Shutdown {
  private app: Stoppable | undefined;
  private stopping: Promise<void> | undefined;
  private pending = false;

  constructor(private readonly options: ShutdownOptions) {}

  /** True when a stop was asked for (the boot checks this before starting the app). */
  get requested(): boolean {
    return this.pending || this.stopping !== undefined;
  }

  /** The app to stop; a request made during boot runs now. */
  setApp(app: Stoppable): void {
    this.app = app;
    if (this.pending) void this.request('held during boot');
  }

  request(reason: string): Promise<void> {
    if (this.stopping) {
      this.options.say('Stopping at once.');
      this.options.exit(130);
      return this.stopping;
    }
    if (!this.app) {
      if (this.pending) this.options.exit(130);
      this.pending = true;
      this.options.say('Stopping as soon as the database is open…');
      return Promise.resolve();
    }
    this.options.log.info({ reason }, 'stopping');
    this.options.say('Stopping… (running steps get a few seconds to finish)');
    this.stopping = this.stopApp(this.app);
    return this.stopping;
  }

  private async stopApp(app: Stoppable): Promise<void> {
    const force = setTimeout(() => {
      this.options.log.error('a clean stop took too long; exiting anyway');
      this.options.exit(1);
    }, this.options.forceAfterMs ?? 30_000);
    force.unref();
    try {
      await app.stop();
      this.options.log.info('stopped');
      this.options.exit(0);
    } catch (error) {
      this.options.log.error({ err: error }, 'stop failed');
      this.options.exit(1);
    } finally {
      clearTimeout(force);
    }
  }
}

/**
 * Ends the process with `code`, letting the terminal and the log file flush first: the process
 * leaves as soon as nothing is pending, and is made to after a short grace if something lingers.
 */
export function exitProcess(code: number): void {
  process.exitCode = code;
  if (code !== 0 && code !== 1) process.exit(code);
  setTimeout(() => process.exit(code), 500).unref();
}
