import type { GateState } from '../domain/run';
import { TERMINAL_BLOCK_STATUSES, type GateKind, type GatePosition } from '../domain/statuses';
import { viewRun } from './run-view';
import { indexTemplate, type TemplateIndex } from './template-index';
import type { RunSnapshot } from './types';

export type GatePriority = NonNullable<GateState['priority']>;
export type GateBlockerReason = 'SLA breached' | 'unclaimed for 4h+' | 'awaiting decision';

export interface GateBlocker {
  type: 'gate';
  gateId: string;
  blockId: string;
  position: GatePosition;
  kind: GateKind;
  /** Time since the gate opened (0 when unknown). */
  ageMs: number;
  /** Time left until the SLA deadline; negative once breached; null without a deadline. */
  slaLeftMs: number | null;
  claimedBy: string | null;
  escalationLevel: number;
  priority: GatePriority;
  reason: GateBlockerReason;
  /** Unfinished blocks downstream (transitively) that cannot go on until this gate is decided. */
  waitingBlocks: string[];
}

export interface FailedBlocker {
  type: 'failed';
  blockId: string;
  error: string | null;
  /** Unfinished blocks downstream (transitively) that cannot go on while this block is failed. */
  waitingBlocks: string[];
}

export type Blocker = GateBlocker | FailedBlocker;

/** A gate nobody claimed for this long is called out as such. */
export const UNCLAIMED_AFTER_MS = 4 * 3_600_000;
const PRIORITY_RANK: Record<GatePriority, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/**
 * What is stuck in a run and why, most urgent first: pending gates ordered by priority (medium when
 * unset), then by how long they have been waiting; then failed blocks in template order. Each item
 * lists the unfinished blocks that wait on it.
 */
export function computeBlockers(snapshot: RunSnapshot, now: Date): Blocker[] {
  const index = indexTemplate(snapshot.template);
  const view = viewRun(snapshot, index);
  const unfinished = (id: string): boolean => !TERMINAL_BLOCK_STATUSES.has(view.stateOf(id).status);
  const gates: GateBlocker[] = [];
  for (const gate of snapshot.gates) {
    if (gate.status !== 'pending' || !index.byId.has(gate.blockId)) continue;
    gates.push(describeGate(gate, now, downstreamOf(index, gate.blockId, unfinished)));
  }
  gates.sort((a, b) => PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] || b.ageMs - a.ageMs || a.gateId.localeCompare(b.gateId));
  const failed: FailedBlocker[] = [];
  for (const block of index.blocks) {
    const state = view.stateOf(block.id);
    if (state.status !== 'failed') continue;
    failed.push({ type: 'failed', blockId: block.id, error: state.error ?? null, waitingBlocks: downstreamOf(index, block.id, unfinished) });
  }
  return [...gates, ...failed];
}

function describeGate(gate: GateState, now: Date, waitingBlocks: string[]): GateBlocker {
  const ageMs = gate.openedAt ? Math.max(0, now.getTime() - gate.openedAt.getTime()) : 0;
  const slaLeftMs = gate.deadlineAt ? gate.deadlineAt.getTime() - now.getTime() : null;
  const claimedBy = gate.claimedBy ?? null;
  let reason: GateBlockerReason = 'awaiting decision';
  if (slaLeftMs !== null && slaLeftMs <= 0) reason = 'SLA breached';
  else if (claimedBy === null && ageMs >= UNCLAIMED_AFTER_MS) reason = 'unclaimed for 4h+';
  return {
    type: 'gate',
    gateId: gate.id,
    blockId: gate.blockId,
    position: gate.position,
    kind: gate.kind,
    ageMs,
    slaLeftMs,
    claimedBy,
    escalationLevel: gate.escalationLevel ?? 0,
    priority: gate.priority ?? 'medium',
    reason,
    waitingBlocks,
  };
}

/** Unfinished blocks reachable downstream of `blockId`, in template order. */
function downstreamOf(index: TemplateIndex, blockId: string, keep: (id: string) => boolean): string[] {
  const seen = new Set<string>();
  const stack = [...index.dependentsOf.get(blockId)!];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...index.dependentsOf.get(id)!);
  }
  return [...seen].filter(keep).sort((a, b) => index.orderOf.get(a)! - index.orderOf.get(b)!);
}
