/** One request the fake received, as it was answered. */
export interface RecordedCall {
  /** Web API method (`chat.postMessage`), or `respond` for a response_url post. */
  method: string;
  /** Arguments with nested JSON (blocks, view, …) decoded, whichever encoding the client used. */
  args: Record<string, unknown>;
  token: string | undefined;
  contentType: string | undefined;
  status: number;
  response: unknown;
  /** True when failNext answered instead of the method. */
  injected: boolean;
  at: number;
}

interface Waiter {
  method: string;
  matches: (call: RecordedCall) => boolean;
  resolve: (call: RecordedCall) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** Every call, in order, plus promises for calls still to come (so tests await events, never sleep). */
export class CallLog {
  readonly calls: RecordedCall[] = [];
  private waiters: Waiter[] = [];

  record(call: RecordedCall): void {
    this.calls.push(call);
    for (const waiter of this.waiters.filter((w) => w.method === call.method && w.matches(call))) {
      clearTimeout(waiter.timer);
      this.waiters = this.waiters.filter((w) => w !== waiter);
      waiter.resolve(call);
    }
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /**
   * Resolves with the next call of `method` recorded AFTER this call (optionally one that matches),
   * so register it before triggering the work. Rejects after `timeoutMs` naming what did arrive:
   * the timeout only bounds a failing test, it never paces a passing one.
   */
  nextCall(method: string, matches: (call: RecordedCall) => boolean = () => true, timeoutMs = 5000): Promise<RecordedCall> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.timer !== timer);
        const seen = this.calls.map((c) => c.method).join(', ') || 'nothing';
        reject(new Error(`fake Slack: no ${method} call within ${timeoutMs} ms (calls so far: ${seen})`));
      }, timeoutMs);
      this.waiters.push({ method, matches, resolve, reject, timer });
    });
  }

  /** Fails every pending wait: the fake is closing. */
  close(): void {
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error(`fake Slack closed while waiting for ${waiter.method}`));
    }
    this.waiters = [];
  }
}
