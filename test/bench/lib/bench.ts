/**
 * A tiny benchmark harness: time a function many times, summarise robustly (median and the
 * p10–p90 band, not the mean, which one GC pause can drag), print Markdown tables.
 */

export interface MeasureOptions {
  /** Untimed runs first, so the JIT has compiled the hot path. */
  warmup?: number;
  iterations?: number;
}

export interface Summary {
  /** Number of timed samples. */
  n: number;
  median: number;
  p10: number;
  p90: number;
  /** (p90 - p10) / median, in percent: how noisy the measurement was. */
  spreadPct: number;
}

/** One line of a results table. Times are in milliseconds. */
export interface BenchRow extends Summary {
  case: string;
  /** Name of the row (in the same table) this one is compared with; omit on the baseline itself. */
  baseline?: string;
  /** Work units in one sample (e.g. blocks + edges), to print a cost per unit. */
  units?: number;
  /** A target's verdict ("met: …" / "not met: …"); the table gets a verdict column when any row has one. */
  verdict?: string;
}

/**
 * Runs `fn` `warmup` times untimed, then `iterations` times timed; returns the samples in ms.
 * Accepts `measure(name, fn, options)` or `measure(fn, options)`; the name is only a label.
 */
export async function measure(nameOrFn: string | (() => unknown), fnOrOptions?: (() => unknown) | MeasureOptions, maybeOptions?: MeasureOptions): Promise<number[]> {
  const fn = typeof nameOrFn === 'function' ? nameOrFn : (fnOrOptions as () => unknown);
  const options = (typeof nameOrFn === 'function' ? fnOrOptions : maybeOptions) as MeasureOptions | undefined;
  const { warmup = 5, iterations = 30 } = options ?? {};
  let sink: unknown;
  for (let i = 0; i < warmup; i++) sink = await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    sink = await fn();
    samples.push(performance.now() - start);
  }
  // Keep the result observable so the work cannot be optimised away.
  if (sink === Symbol.for('never')) samples.push(0);
  return samples;
}

/** Median, p10, p90 and spread of samples; with a name, a table row. */
export function summarize(samples: readonly number[]): Summary;
export function summarize(name: string, samples: readonly number[], extra?: Pick<BenchRow, 'baseline' | 'units'>): BenchRow;
export function summarize(nameOrSamples: string | readonly number[], maybeSamples?: readonly number[], extra: Pick<BenchRow, 'baseline' | 'units'> = {}): Summary | BenchRow {
  const samples = typeof nameOrSamples === 'string' ? maybeSamples ?? [] : nameOrSamples;
  const sorted = [...samples].sort((a, b) => a - b);
  const median = percentile(sorted, 50);
  const p10 = percentile(sorted, 10);
  const p90 = percentile(sorted, 90);
  const summary: Summary = { n: sorted.length, median, p10, p90, spreadPct: median > 0 ? ((p90 - p10) / median) * 100 : 0 };
  return typeof nameOrSamples === 'string' ? { case: nameOrSamples, ...summary, ...extra } : summary;
}

/** Linear interpolation between closest ranks, on sorted input. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

/** Milliseconds with a unit that keeps three significant digits: 812 µs, 3.41 ms, 1.20 s. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms < 1) return `${(ms * 1000).toPrecision(3)} µs`;
  if (ms < 1000) return `${ms.toPrecision(3)} ms`;
  return `${(ms / 1000).toPrecision(3)} s`;
}

/**
 * A Markdown table: case, n, median, spread (p10–p90), ratio vs baseline; plus "per unit" when any
 * row has units. The ratio compares medians with the named baseline row of the same table.
 */
export function formatTable(rows: readonly BenchRow[]): string {
  const withUnits = rows.some((r) => r.units !== undefined);
  const withVerdicts = rows.some((r) => r.verdict !== undefined);
  const header = ['case', 'n', 'median', 'spread (p10–p90)', 'ratio vs baseline', ...(withUnits ? ['per (V+E)'] : []), ...(withVerdicts ? ['target'] : [])];
  const byName = new Map(rows.map((r) => [r.case, r] as const));
  const lines = [`| ${header.join(' | ')} |`, `|${header.map((h, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`];
  for (const row of rows) {
    const base = row.baseline === undefined ? undefined : byName.get(row.baseline);
    const isBaseline = rows.some((r) => r.baseline === row.case);
    const ratio = base ? `${(row.median / base.median).toFixed(2)}×` : isBaseline ? 'baseline' : '–';
    const spread = `${formatMs(row.p10)} – ${formatMs(row.p90)} (±${(row.spreadPct / 2).toFixed(0)}%)`;
    const cells = [row.case, String(row.n), formatMs(row.median), spread, ratio];
    if (withUnits) cells.push(row.units ? `${((row.median * 1e6) / row.units).toFixed(0)} ns` : '–');
    if (withVerdicts) cells.push(row.verdict ?? '');
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** Prints `formatTable(rows)`. */
export function printTable(rows: readonly BenchRow[], write: (text: string) => void = (t) => process.stdout.write(`${t}\n`)): void {
  write(formatTable(rows));
}
