// Runs the benchmarks: `npm run bench` for all, `npm run bench -- engine` for those whose name
// contains "engine". Prints one Markdown table per bench, then the process's peak RSS.
import { printTable, type BenchRow } from './lib/bench';

/** Every bench, listed explicitly (no folder scanning). Add yours here. */
const BENCHES: Array<{ name: string; load: () => Promise<{ default: () => Promise<BenchRow[]> }> }> = [
  { name: 'engine', load: () => import('./engine.bench') },
  { name: 'sla', load: () => import('./sla.bench') },
  { name: 'store', load: () => import('./store.bench') },
  { name: 'escalation', load: () => import('./escalation.bench') },
  { name: 'api', load: () => import('./api.bench') },
  { name: 'boot', load: () => import('./boot.bench') },
  { name: 'events', load: () => import('./events.bench') },
  { name: 'web', load: () => import('./web.bench') },
];

async function main(filters: readonly string[]): Promise<void> {
  const selected = BENCHES.filter((b) => filters.length === 0 || filters.some((f) => b.name.includes(f)));
  if (selected.length === 0) {
    process.stderr.write(`No bench matches ${filters.join(', ')}; known: ${BENCHES.map((b) => b.name).join(', ')}\n`);
    process.exitCode = 2;
    return;
  }
  process.stdout.write(`Node ${process.version}, ${process.platform}/${process.arch}\n`);
  for (const bench of selected) {
    const { default: runBench } = await bench.load();
    process.stdout.write(`\n## ${bench.name}\n\n`);
    printTable(await runBench());
  }
  const peakMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`\npeak RSS: ${peakMb.toFixed(0)} MB\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
