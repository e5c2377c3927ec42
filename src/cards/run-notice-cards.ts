import type { Card, CardAction, CardField } from '../domain/card';
import type { RunView } from '../domain/views';
import { formatDuration } from '../schema/duration';
import { runActionId } from './action-ids';
import { buildRunUrl, type CardContext } from './card-context';
import { computeElapsedMs, describeBlockProgress, describeUsage } from './run-facts';
import { describeRunName } from './run-status-card';
import { RUN_STATUS_SYMBOLS, RUN_STATUS_TONES } from './status-symbols';
import { listNames, truncateText } from './text-format';

function describeParams(params: Record<string, unknown>): string | null {
  const entries = Object.entries(params);
  if (entries.length === 0) return null;
  return entries.map(([k, v]) => `${k}=${truncateText(typeof v === 'string' ? v : JSON.stringify(v) ?? '', 60)}`).join(', ');
}

function describeAutonomy(autonomy: Record<string, string>): string | null {
  const entries = Object.entries(autonomy);
  if (entries.length === 0) return null;
  return entries.map(([block, level]) => `${block === '*' ? 'every gate' : block}: ${level}`).join(', ');
}

function buildLinkActions(run: RunView, ctx: CardContext): CardAction[] {
  const url = run.threadUrl ?? buildRunUrl(ctx, run.id);
  return url ? [{ id: runActionId(run.id, 'details'), label: run.threadUrl ? 'Open thread' : 'Details', style: 'link', url }] : [];
}

/** Posted when a run starts: what it runs with, and a link to its thread. */
export function buildRunStartedCard(run: RunView, ctx: CardContext): Card {
  const fields: CardField[] = [
    { label: 'Template', value: run.templateName, inline: true },
    { label: 'Blocks', value: String(run.blocks.length), inline: true },
  ];
  const params = describeParams(run.params);
  if (params) fields.push({ label: 'Parameters', value: params });
  const autonomy = describeAutonomy(run.autonomy);
  if (autonomy) fields.push({ label: 'Autonomy', value: autonomy });
  const thread = run.threadUrl ? `\nFollow it in the thread: ${run.threadUrl}` : '';
  const url = run.threadUrl ?? buildRunUrl(ctx, run.id);
  return {
    kind: 'notice',
    title: `▶️ Started: ${describeRunName(run)}`,
    summary: `${run.createdBy} started ${run.name}`,
    tone: 'info',
    ...(url ? { url } : {}),
    description: `${run.createdBy} started **${run.templateName}**${run.simulate ? ' as a simulation (no real work)' : ''}.${thread}`,
    fields,
    actions: [{ id: runActionId(run.id, 'status'), label: 'Status', style: 'secondary' }, ...buildLinkActions(run, ctx)],
    footer: `${run.templateId} · run ${run.id}`,
    timestamp: run.createdAt,
  };
}

const FINISHED_WORDS = { running: 'Running', completed: 'Completed', failed: 'Failed', cancelled: 'Cancelled' } as const;

/** Posted when a run ends: completed, failed (which blocks and why) or cancelled. */
export function buildRunFinishedCard(run: RunView, ctx: CardContext): Card {
  const failed = run.blocks.filter((b) => b.status === 'failed');
  const took = formatDuration(computeElapsedMs(run, ctx.now));
  const lines = [`**${run.templateName}** ${run.status === 'running' ? 'is still running' : `${run.status} after ${took}`}.`];
  if (run.endReason) lines.push(run.endReason);
  if (failed.length > 0) lines.push(`Failed: ${listNames(failed.map((b) => (b.error ? `${b.name} (${truncateText(b.error, 80)})` : b.name)), 3)}`);
  const url = run.threadUrl ?? buildRunUrl(ctx, run.id);
  return {
    kind: 'notice',
    title: `${RUN_STATUS_SYMBOLS[run.status]} ${FINISHED_WORDS[run.status]}: ${describeRunName(run)}`,
    summary: `${run.name} ${run.status} after ${took}`,
    tone: RUN_STATUS_TONES[run.status],
    ...(url ? { url } : {}),
    description: lines.join('\n'),
    fields: [
      { label: 'Progress', value: describeBlockProgress(run), inline: true },
      { label: 'Took', value: took, inline: true },
      { label: 'LLM usage', value: describeUsage(run.usage), inline: true },
    ],
    actions: buildLinkActions(run, ctx),
    footer: `${run.templateId} · run ${run.id}`,
    timestamp: run.endedAt ?? ctx.now,
  };
}
