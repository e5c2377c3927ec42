import type { Platform } from '../domain/statuses';

/** Cuts text to at most `max` characters, ending with "…" when it was cut. */
export function truncateText(text: string, max: number): string {
  if (max <= 0) return '';
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, Math.max(0, max - 1)).join('').trimEnd()}…`;
}

/** "4.2 KB", "812 B", "1.3 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** "12.3k", "950", "1.2M": token counts at a glance. */
export function formatCount(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(1)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}

/** "$0.42"; sub-cent costs keep a significant digit ("$0.004"). */
export function formatCost(usd: number): string {
  if (usd > 0 && usd < 0.01) return `$${usd.toPrecision(1)}`;
  return `$${usd.toFixed(2)}`;
}

/** Joins names, keeping the first `max` and counting the rest: "A, B, C +2 more". */
export function listNames(names: readonly string[], max = 3): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} +${names.length - max} more`;
}

const PLATFORM_LABELS: Record<Platform, string> = {
  discord: 'Discord',
  slack: 'Slack',
  console: 'the console',
  http: 'the web API',
  api: 'the REST API',
  mcp: 'MCP',
  system: 'Process Factory',
};

/** "Slack", "Discord", "the console": for "from Slack". */
export function describePlatform(platform: Platform): string {
  return PLATFORM_LABELS[platform];
}

/** Upper-cases the first letter. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
