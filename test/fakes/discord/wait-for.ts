/**
 * Awaits a condition on the fake's state instead of sleeping: re-checks on every state change and
 * fails with a clear message after `timeoutMs` (a guard so a broken test fails fast, not a delay).
 */
import type { FakeState } from './fake-state';

export const DEFAULT_WAIT_MS = 5000;

/** Resolves with the first non-undefined value `check` returns. */
export function waitForState<T>(state: FakeState, check: () => T | undefined, what: string, timeoutMs = DEFAULT_WAIT_MS): Promise<T> {
  const first = check();
  if (first !== undefined) return Promise.resolve(first);
  return new Promise<T>((resolve, reject) => {
    const onChange = (): void => {
      const value = check();
      if (value === undefined) return;
      cleanup();
      resolve(value);
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`fake-discord: timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      state.events.off('change', onChange);
    };
    state.events.on('change', onChange);
  });
}
