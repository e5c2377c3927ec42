import type { Card, CardSection } from '../domain/card';
import type { RunView, WebhookProblemView } from '../domain/views';
import { formatDuration } from '../schema/duration';
import { buildRunsUrl, buildRunUrl, type CardContext } from './card-context';
import { liveDue } from './relative-time';
import { computeElapsedMs, describeBlockProgress } from './run-facts';
import { describeRunName } from './run-status-card';
import { RUN_STATUS_SYMBOLS } from './status-symbols';
import { listNames } from './text-format';

/** Runs listed on one card; the rest are counted in the footer. */
export const MAX_RUNS_LISTED = 10;

function describeWaiting(run: RunView, now: Date): string | null {
  if (run.pendingGates.length === 0) return null;
  const soonest = [...run.pendingGates].sort(
    (a, b) => (a.deadlineAt?.getTime() ?? Infinity) - (b.deadlineAt?.getTime() ?? Infinity),
  )[0];
  const names = listNames(run.pendingGates.map((g) => g.blockName), 2);
  const due = soonest?.deadlineAt ? ` (${liveDue(soonest.deadlineAt, now)})` : '';
  return `✋ ${run.pendingGates.length} waiting: ${names}${due}`;
}

function buildRunLine(run: RunView, ctx: CardContext): CardSection {
  const parts = [run.templateName, describeBlockProgress(run), describeWaiting(run, ctx.now), `${formatDuration(computeElapsedMs(run, ctx.now))} elapsed`];
  if (run.deliveryProblems > 0) parts.push(`⚠️ ${run.deliveryProblems} undelivered`);
  const url = buildRunUrl(ctx, run.id);
  const section: CardSection = { title: `${RUN_STATUS_SYMBOLS[run.status]} ${describeRunName(run)}`, text: parts.filter(Boolean).join(' · ') };
  return url ? { ...section, moreUrl: url } : section;
}

function buildWebhookLine(w: WebhookProblemView): CardSection {
  const parts = [w.failed ? `${w.failed} given up` : null, w.retrying ? `${w.retrying} retrying` : null].filter(Boolean).join(', ');
  const error = w.lastError ? ` · last error: ${w.lastError.slice(0, 160)}` : '';
  return { title: `⚠️ Webhook #${w.id} → ${describeUrl(w.url)}`, text: `${parts}${error} · \`npm run factory -- webhook redeliver ${w.id}\`` };
}

// Origin and path: a query string may carry a receiver's token.
function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return url.slice(0, 80);
  }
}

/**
 * Several runs at a glance, one short section each (title and what they wait on); outbound
 * webhooks whose deliveries fail come after them.
 */
export function buildRunListCard(runs: readonly RunView[], ctx: CardContext, options: { title?: string; webhookProblems?: readonly WebhookProblemView[] } = {}): Card {
  const title = options.title ?? 'Active runs';
  const shown = runs.slice(0, MAX_RUNS_LISTED);
  const hidden = runs.length - shown.length;
  const waiting = runs.reduce((n, r) => n + r.pendingGates.length, 0);
  const url = buildRunsUrl(ctx);
  return {
    kind: 'list',
    title: `${title} (${runs.length})`,
    summary: runs.length === 0 ? 'No active runs' : `${runs.length} runs, ${waiting} gates waiting on people`,
    tone: runs.length === 0 ? 'neutral' : 'info',
    ...(url ? { url } : {}),
    ...(runs.length === 0 ? { description: 'No active runs.' } : {}),
    sections: [...shown.map((r) => buildRunLine(r, ctx)), ...(options.webhookProblems ?? []).map(buildWebhookLine)],
    ...(hidden > 0 ? { footer: `+${hidden} more runs not shown` } : {}),
    timestamp: ctx.now,
  };
}
