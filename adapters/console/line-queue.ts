/**
 * Lines typed at the console, taken one at a time. The session reads commands and a form's answers
 * from the same queue, so a reason typed (or pasted) ahead of its question still answers it
 * instead of running as a command. `close()` ends it: waiting and later reads get null.
 */
export class LineQueue {
  private readonly lines: string[] = [];
  private readonly waiters: Array<(line: string | null) => void> = [];
  private closed = false;

  push(line: string): void {
    if (this.closed) return;
    const waiter = this.waiters.shift();
    if (waiter) waiter(line);
    else this.lines.push(line);
  }

  /** The next line, or null once closed and drained. */
  next(): Promise<string | null> {
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Ends the queue: lines already typed are still read, then every read gets null. */
  close(): void {
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) waiter(null);
  }

  /**
   * Ctrl-C in a form: drops lines typed ahead and answers the waiting read with an empty line,
   * which a form takes as "cancel". True when someone was waiting.
   */
  interrupt(): boolean {
    this.lines.length = 0;
    const waiters = this.waiters.splice(0);
    for (const waiter of waiters) waiter('');
    return waiters.length > 0;
  }
}
