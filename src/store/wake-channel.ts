/**
 * Wake-ups: a hint that there is new work ("a block is ready", "a message is queued"), so a
 * sleeping loop looks now instead of at its next poll. Hints only: losing one costs latency,
 * never correctness, because every loop also polls.
 */
export const WAKE_TOPICS = ['runner', 'outbox', 'escalation', 'events'] as const;
export type WakeTopic = (typeof WAKE_TOPICS)[number];

export interface WakeChannel {
  /** Wakes subscribers of this process and, on PostgreSQL, of every replica. */
  notify(topic: WakeTopic): void | Promise<void>;
  /** Calls `fn` on every wake-up of `topic`; returns the unsubscribe function. */
  subscribe(topic: WakeTopic, fn: () => void): () => void;
  close(): Promise<void>;
}

/** In-process subscribers, shared by both channel kinds. A failing subscriber never stops the others. */
export class WakeSubscribers {
  private readonly byTopic = new Map<WakeTopic, Set<() => void>>();

  constructor(private readonly log: (msg: string) => void) {}

  subscribe(topic: WakeTopic, fn: () => void): () => void {
    let set = this.byTopic.get(topic);
    if (!set) this.byTopic.set(topic, (set = new Set()));
    const entry = () => fn();
    set.add(entry);
    return () => void set.delete(entry);
  }

  emit(topic: WakeTopic): void {
    for (const fn of [...(this.byTopic.get(topic) ?? [])]) {
      try {
        fn();
      } catch (err) {
        this.log(`wake subscriber for "${topic}" threw: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }

  clear(): void {
    this.byTopic.clear();
  }
}

/** The PGlite channel: one process, so an in-process event is the whole story. */
export function createLocalWakeChannel(log: (msg: string) => void): WakeChannel {
  const subscribers = new WakeSubscribers(log);
  return {
    notify: (topic) => subscribers.emit(topic),
    subscribe: (topic, fn) => subscribers.subscribe(topic, fn),
    close: async () => subscribers.clear(),
  };
}
