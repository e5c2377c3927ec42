import type { ArtifactValue } from '../domain/executor';
import type { RunRecord } from '../domain/records';
import type { Block } from '../schema/block';
import type { Queryable } from '../store/db-schema';
import { listGatesForRun } from '../store/gates.store';

/** The input key a block reads the conditions of an approval under: "<gated block>.approval-conditions". */
export const CONDITIONS_KEY = 'approval-conditions';

/**
 * Conditions attached to the approvals this block runs after: the after-gates of the blocks it
 * depends on, and its own before-gate. The latest approved gate of each counts (a rework opens a
 * new one). As JSON arrays of strings, so an agent or a script can read them as a list.
 */
export async function approvalConditionInputs(db: Queryable, run: RunRecord, block: Block): Promise<Record<string, ArtifactValue>> {
  const upstream = new Set(block.inputs.depends.map((d) => d.block));
  const gated = block.human_gate === 'before' || run.template.blocks.some((b) => upstream.has(b.id) && b.human_gate === 'after');
  // Most blocks run after no gate: no query for them.
  if (!gated) return {};
  const latest = new Map<string, string[]>();
  for (const gate of await listGatesForRun(db, run.id)) {
    const applies = (gate.position === 'after' && upstream.has(gate.blockId)) || (gate.position === 'before' && gate.blockId === block.id);
    if (!applies || gate.status !== 'approved') continue;
    // Gates come oldest first: a later approval of the same block replaces an earlier one.
    latest.set(gate.blockId, gate.conditions);
  }
  const inputs: Record<string, ArtifactValue> = {};
  for (const [blockId, conditions] of latest) {
    if (conditions.length === 0) continue;
    inputs[`${blockId}.${CONDITIONS_KEY}`] = { key: CONDITIONS_KEY, format: 'json', content: JSON.stringify(conditions), location: null };
  }
  return inputs;
}
