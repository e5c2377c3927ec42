// THE HOOK for part (c) of the durable-runs benchmark: our own runner, measured against the
// limit (a) and the peer (b), in the same `npm run bench` run.

/** What the bench hands the "ours" measurement. */
export interface OursContext {
  /** A fresh, empty database on the local PostgreSQL (127.0.0.1); dropped by the bench afterwards. */
  connectionString: string;
}

/** One batch of block completions. Instants are `performance.now()` milliseconds, as in (a) and (b). */
export interface CompletionWindow {
  /** When the first block of the batch started (the runner was started after every run was created). */
  windowStart: number;
  /** When each block completion was recorded, ascending; completions/s = length / (last - windowStart). */
  blockCompletedAt: number[];
}

/** What the "ours" measurement hands back. */
export interface OursMeasurement {
  /** One wide run of trivial blocks (400). */
  wide: CompletionWindow;
  /** Many small runs at once (100 runs of 10 trivial blocks). */
  manyRuns: CompletionWindow;
  /** One wide run per size (40, 400, 4,000 blocks): the cost per completion as the run grows. */
  bySize: Array<{ blocks: number; window: CompletionWindow }>;
  /** Per decision: ms from the decision call (its own time, before its transaction) to the next block starting. */
  decisionToNextBlockMs: number[];
}

/** Runs our runner's block-completion and decision→next-block measurements in `ctx`'s database. */
export type OursCases = (ctx: OursContext) => Promise<OursMeasurement>;

/** Our runner on PostgreSQL: wide runs of trivial simulate blocks, many small runs, then gated pairs. */
export const oursCases: OursCases | null = (ctx) => import('./measure-ours').then((m) => m.measureOurs(ctx));
