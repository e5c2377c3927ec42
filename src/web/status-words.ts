import type { BlockStatus } from '../domain/statuses';

/** A symbol for each block status, so state never rests on colour alone. */
export const BLOCK_ICONS: Record<BlockStatus, string> = {
  pending: '·',
  ready: '○',
  running: '▶',
  waiting: '◐',
  done: '✓',
  failed: '✗',
  blocked: '■',
  skipped: '↷',
  cancelled: '⊘',
};

export function describeBytes(n: number | null): string {
  if (n === null) return 'unknown size';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** "3m 20s", "1h 5m", "800 ms". */
export function describeSpan(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${m % 60}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

/** An ISO timestamp for <time datetime>, and a readable UTC form of it. */
export function describeTime(at: Date): { iso: string; text: string } {
  const iso = at.toISOString();
  return { iso, text: `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC` };
}
