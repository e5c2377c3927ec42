/**
 * A small map whose entries expire, for lookups Slack answers the same way for a while (who a
 * user is, who is in a user group) and for recognising a delivery seen moments ago. Time is an
 * input (`now`), so tests need no sleeps. Oldest entries go first when it is full.
 */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, { value: V; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => Date,
    private readonly maxEntries = 5_000,
  ) {}

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now().getTime()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  set(key: K, value: V, ttlMs = this.ttlMs): void {
    this.entries.delete(key);
    // A Map iterates in insertion order, so the first key is the oldest one.
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
    this.entries.set(key, { value, expiresAt: this.now().getTime() + ttlMs });
  }

  delete(key: K): void {
    this.entries.delete(key);
  }
}
