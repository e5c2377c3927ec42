import type { CardField } from '../domain/card';
import type { GateView, RunView, UsageView } from '../domain/views';
import { formatDuration } from '../schema/duration';
import { countFinished } from './layer-progress';
import { liveAgo, liveDue } from './relative-time';
import { formatCost, formatCount } from './text-format';

/** How long the run has taken so far (or took, once ended). */
export function computeElapsedMs(run: Pick<RunView, 'createdAt' | 'endedAt'>, now: Date): number {
  return Math.max(0, (run.endedAt ?? now).getTime() - run.createdAt.getTime());
}

/** "12.3k in / 4.5k out tokens · $0.42", or "none" when nothing was spent. */
export function describeUsage(usage: UsageView): string {
  if (usage.inputTokens === 0 && usage.outputTokens === 0 && usage.costUsd === 0) return 'none';
  return `${formatCount(usage.inputTokens)} in / ${formatCount(usage.outputTokens)} out tokens · ${formatCost(usage.costUsd)}`;
}

/** "11/18 blocks done, 1 failed". */
export function describeBlockProgress(run: Pick<RunView, 'blocks'>): string {
  const failed = run.blocks.filter((b) => b.status === 'failed').length;
  const base = `${countFinished(run.blocks)}/${run.blocks.length} blocks done`;
  return failed > 0 ? `${base}, ${failed} failed` : base;
}

/** "✋ Expert framework: approval, waiting 2h 5m, due in 1h 55m, claimed by Ana". */
export function describePendingGateLine(gate: GateView, now: Date): string {
  const parts = [gate.kind, `opened ${liveAgo(gate.openedAt, now)}`, liveDue(gate.deadlineAt, now)];
  if (gate.claimedBy) parts.push(`claimed by ${gate.claimedBy.name}`);
  return `✋ **${gate.blockName}**: ${parts.join(', ')}`;
}

/** The numbers of a run: progress, elapsed time, attempts, LLM usage, delivery problems. */
export function buildRunFields(run: RunView, now: Date): CardField[] {
  const attempts = run.blocks.reduce((sum, b) => sum + b.attempts, 0);
  const repeats = run.blocks.reduce((sum, b) => sum + Math.max(0, b.attempts - 1), 0);
  const fields: CardField[] = [
    { label: 'Progress', value: describeBlockProgress(run), inline: true },
    { label: run.endedAt ? 'Took' : 'Elapsed', value: formatDuration(computeElapsedMs(run, now)), inline: true },
    { label: 'Attempts', value: repeats > 0 ? `${attempts} (${repeats} repeated)` : String(attempts), inline: true },
    { label: 'LLM usage', value: describeUsage(run.usage), inline: true },
  ];
  if (run.pendingGates.length > 0) {
    fields.push({ label: 'Waiting on people', value: String(run.pendingGates.length), inline: true });
  }
  if (run.deliveryProblems > 0) {
    const n = run.deliveryProblems;
    fields.push({ label: 'Delivery problems', value: `${n} message${n === 1 ? '' : 's'} not delivered yet`, inline: true });
  }
  return fields;
}
