// THE HOOK for part (c) of the durable-runs benchmark: our own runner, measured against the
// limit (a) and the peer (b). Until the runner exists this stays `null`, and store.bench.ts
// then measures and reports nothing for "ours" (no placeholder figures in the table).

/** What the bench hands the "ours" measurement. */
export interface OursContext {
  /** A fresh, empty database on the local PostgreSQL (127.0.0.1); dropped by the bench afterwards. */
  connectionString: string;
}

/**
 * What the "ours" measurement hands back. All instants are `performance.now()` milliseconds, so
 * the figures go through the same arithmetic as (a) and (b).
 */
export interface OursMeasurement {
  /** When the measured window opened (e.g. the first block of the batch started). */
  windowStart: number;
  /** When each block completion was committed, ascending; completions/s = length / (last - windowStart). */
  blockCompletedAt: number[];
  /** One sample per human decision: ms from the decision committing to the next block starting. */
  decisionToNextBlockMs: number[];
}

/** Runs our runner's block-completion and decision→next-block measurements in `ctx`'s database. */
export type OursCases = (ctx: OursContext) => Promise<OursMeasurement>;

/** Our runner on PostgreSQL: a wide run of trivial simulate blocks, then gated pairs. */
export const oursCases: OursCases | null = (ctx) => import('./measure-ours').then((m) => m.measureOurs(ctx));
