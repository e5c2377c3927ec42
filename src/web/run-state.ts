import type { RunDetailsView } from '../domain/run-details-view';
import { describeSlaLeft } from './gates-section';
import { BLOCK_ICONS, describeSpan } from './status-words';

/** What the page script polls: enough to recolour the graph and refresh counts without a reload. */
export interface RunState {
  status: string;
  done: number;
  total: number;
  /** Changes whenever anything the page shows in detail changes (attempts, gates, audit). */
  version: string;
  blocks: Record<string, { status: string; icon: string; attempts: number }>;
  gates: Array<{ id: string; blockId: string; blockName: string; waiting: string; sla: string }>;
}

export function buildRunState(details: RunDetailsView, now: Date): RunState {
  const attempts = details.blocks.reduce((n, b) => n + b.attemptList.length, 0);
  return {
    status: details.run.status,
    done: details.blocks.filter((b) => b.status === 'done' || b.status === 'skipped').length,
    total: details.blocks.length,
    version: `${attempts}.${details.audit.length}.${details.gates.length}.${details.escalations.length}`,
    blocks: Object.fromEntries(details.blocks.map((b) => [b.id, { status: b.status, icon: BLOCK_ICONS[b.status], attempts: b.attempts }])),
    gates: details.gates
      .filter((g) => g.status === 'pending')
      .map((g) => ({ id: g.id, blockId: g.blockId, blockName: g.blockName, waiting: describeSpan(now.getTime() - g.openedAt.getTime()), sla: describeSlaLeft(g.deadlineAt, now) })),
  };
}
