import type { Card, CardAction, CardSection, CardTone } from '../domain/card';
import type { RunView } from '../domain/views';
import { runActionId } from './action-ids';
import { describeBlockLine } from './block-line';
import { buildRunUrl, type CardContext } from './card-context';
import { countFinished, describeLayerProgress, groupBlocksByLayer } from './layer-progress';
import { liveClock } from './relative-time';
import { buildRunFields, describeBlockProgress, describePendingGateLine } from './run-facts';
import { RUN_STATUS_SYMBOLS, RUN_STATUS_TONES } from './status-symbols';

/** "clone-factory #12 (simulation)". */
export function describeRunName(run: Pick<RunView, 'name' | 'simulate'>): string {
  return run.simulate ? `${run.name} (simulation)` : run.name;
}

function chooseTone(run: RunView): CardTone {
  if (run.status !== 'running') return RUN_STATUS_TONES[run.status];
  const troubled = run.deliveryProblems > 0 || run.blocks.some((b) => b.status === 'failed');
  return troubled ? 'warning' : 'info';
}

/** One section per layer: "L2 ▰▰▰▱▱ 3/5", then its blocks; a finished layer folds into one line. */
function buildLayerSections(run: RunView, now: Date): CardSection[] {
  return groupBlocksByLayer(run.blocks).map((group) => {
    const allDone = group.blocks.length > 1 && countFinished(group.blocks) === group.blocks.length;
    const text = allDone
      ? `✅ all ${group.blocks.length} done`
      : group.blocks.map((b) => describeBlockLine(b, now)).join('\n');
    return { title: describeLayerProgress(group), text };
  });
}

function buildRunActions(run: RunView, ctx: CardContext): CardAction[] {
  const actions: CardAction[] = [];
  if (run.status === 'running') {
    actions.push({ id: runActionId(run.id, 'status'), label: 'Refresh', style: 'secondary' });
    actions.push({ id: runActionId(run.id, 'cancel'), label: 'Cancel run', style: 'danger' });
  }
  const url = buildRunUrl(ctx, run.id);
  if (url) actions.push({ id: runActionId(run.id, 'details'), label: 'Details', style: 'link', url });
  return actions;
}

/**
 * Where a run stands: progress by layer, each block's state, the gates waiting on people (age and
 * SLA left), elapsed time, attempts, LLM tokens and cost, and undelivered messages.
 */
export function buildRunStatusCard(run: RunView, ctx: CardContext): Card {
  const { now } = ctx;
  const sections = buildLayerSections(run, now);
  if (run.pendingGates.length > 0) {
    sections.push({ title: 'Waiting on people', text: run.pendingGates.map((g) => describePendingGateLine(g, now)).join('\n') });
  }
  const started = `Started by ${run.createdBy} at ${liveClock(run.createdAt, now)} (template **${run.templateName}**).`;
  const ended = run.status !== 'running' && run.endReason ? `\n${run.endReason}` : '';
  const url = run.threadUrl ?? buildRunUrl(ctx, run.id);
  return {
    kind: 'run-status',
    title: `${RUN_STATUS_SYMBOLS[run.status]} ${describeRunName(run)}: ${run.status}`,
    summary: `${run.name} is ${run.status}: ${describeBlockProgress(run)}`,
    tone: chooseTone(run),
    ...(url ? { url } : {}),
    description: started + ended,
    fields: buildRunFields(run, now),
    sections,
    actions: buildRunActions(run, ctx),
    footer: `${run.templateId} · run ${run.id}`,
    timestamp: now,
  };
}
