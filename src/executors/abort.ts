import { ExecutorError } from '../domain/executor';

/**
 * The error every executor rejects with when the runner aborts an attempt (lease lost, run
 * cancelled, shutdown). Not retryable by itself: the runner knows why it aborted and decides.
 */
export function abortError(signal: AbortSignal, what = 'the attempt'): ExecutorError {
  const reason = signal.reason instanceof Error ? signal.reason.message : signal.reason ? String(signal.reason) : '';
  return new ExecutorError(`${what} was aborted${reason ? `: ${reason}` : ''}`, false, 'aborted');
}

/** Throws the abort error when the signal has already fired (check before starting slow work). */
export function throwIfAborted(signal: AbortSignal, what?: string): void {
  if (signal.aborted) throw abortError(signal, what);
}

/** Waits `ms`, rejecting with the abort error as soon as the signal fires. */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
