import { createHook } from 'node:async_hooks';

interface Tracked { type: string; stack: string; resource: WeakRef<object> }

const WATCHED = new Set(['Timeout', 'TCPWRAP', 'TCPSERVERWRAP']);

/**
 * Watches for sockets, servers and timers that a test suite opens and never closes: the guard for
 * "close() ends everything". Unref'd timers (they never keep the process alive) and the test
 * runner's own are ignored. Call `leaks()` in afterAll, after every close has been awaited.
 */
export function watchForLeaks(): { leaks(): Promise<string[]>; stop(): void } {
  const live = new Map<number, Tracked>();
  const hook = createHook({
    init(id, type, _trigger, resource) {
      if (WATCHED.has(type)) live.set(id, { type, stack: new Error().stack ?? '', resource: new WeakRef(resource as object) });
    },
    destroy(id) {
      live.delete(id);
    },
  }).enable();
  return {
    async leaks() {
      // Handles close on later turns of the event loop; let them finish before judging.
      for (let i = 0; i < 10; i += 1) await new Promise((resolve) => setImmediate(resolve));
      return [...live.values()]
        .filter((t) => !t.stack.includes('@vitest') && !t.stack.includes('node:internal/http'))
        .filter((t) => {
          const resource = t.resource.deref() as { hasRef?: () => boolean } | undefined;
          return resource !== undefined && (t.type !== 'Timeout' || resource.hasRef?.() !== false);
        })
        .map((t) => `${t.type} opened at\n${t.stack.split('\n').slice(5, 11).join('\n')}`);
    },
    stop() {
      hook.disable();
    },
  };
}
