/**
 * Runs a pass function on demand (a wake-up), again right after a pass that asked for it, and
 * otherwise when the pass says its next work falls due, or at the latest every `pollMs` (the
 * safety net for lost wake-ups). Never two passes at once: a wake-up during a pass becomes one
 * more pass after it.
 */
export class PassScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private requested = false;
  private active = false;

  /**
   * @param opts.pass one pass; resolves with the milliseconds until the next pass is wanted
   *   (0: at once, null: no known work, wait for a wake-up or the poll).
   */
  constructor(private readonly opts: { pass: () => Promise<number | null>; pollMs: number; onError: (err: unknown) => void }) {}

  start(): void {
    if (this.active) return;
    this.active = true;
    this.trigger();
  }

  /** A pass now, or right after the one in progress. */
  trigger(): void {
    if (!this.active) return;
    if (this.running) {
      this.requested = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.loop().finally(() => {
      this.running = undefined;
    });
  }

  /** No more passes; resolves when the one in progress has finished. */
  async stop(): Promise<void> {
    this.active = false;
    clearTimeout(this.timer);
    await this.running;
  }

  private async loop(): Promise<void> {
    let delay = this.opts.pollMs;
    do {
      this.requested = false;
      delay = this.opts.pollMs;
      try {
        const wanted = await this.opts.pass();
        if (wanted !== null) delay = Math.min(this.opts.pollMs, Math.max(0, wanted));
      } catch (err) {
        this.opts.onError(err);
      }
    } while (this.active && (this.requested || delay === 0));
    if (!this.active) return;
    this.timer = setTimeout(() => this.trigger(), delay);
    // The loop alone must not keep a process (or a test worker) alive; stop() is the real end.
    this.timer.unref();
  }
}
