import type { Actor } from '../domain/actor';
import type { GateRecord } from '../domain/records';
import type { GateStatus } from '../domain/statuses';
import type { DecisionSource } from '../domain/views';
import type { Queryable } from './db-schema';
import { getGate, toGateRecord } from './gates.store';
import { toJson } from './json-columns';

export interface GateDecisionInput {
  gateId: string;
  status: Exclude<GateStatus, 'pending'>;
  actor: Actor;
  via: DecisionSource;
  /** Rejection feedback, approval note or the answer to a clarification. */
  reason?: string | null;
  now: Date;
}

export type GateDecisionResult =
  | { outcome: 'decided'; gate: GateRecord }
  /** Someone decided first: `gate` says who (decidedBy), when (decidedAt) and what (status). */
  | { outcome: 'already-decided'; gate: GateRecord }
  | { outcome: 'not-found' };

/**
 * Decides a gate exactly once. One conditional UPDATE (`WHERE status = 'pending'`) is the whole
 * guard: of any number of concurrent calls (double taps, two reviewers, two platforms) exactly
 * one changes the row; every other one gets the existing decision back.
 */
export async function decideGate(db: Queryable, input: GateDecisionInput): Promise<GateDecisionResult> {
  const row = await db
    .updateTable('gates')
    .set({
      status: input.status,
      decided_at: input.now,
      decided_by: toJson(input.actor),
      decided_via: input.via,
      reason: input.reason ?? null,
      next_escalation_at: null,
    })
    .where('id', '=', input.gateId)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
  if (row) return { outcome: 'decided', gate: toGateRecord(row) };
  const existing = await getGate(db, input.gateId);
  return existing ? { outcome: 'already-decided', gate: existing } : { outcome: 'not-found' };
}

/** Cancels every pending gate of a run (the run was cancelled). Returns the gates cancelled. */
export async function cancelPendingGates(
  db: Queryable,
  runId: string,
  by: { actor: Actor; via: DecisionSource; reason?: string | null; now: Date },
): Promise<GateRecord[]> {
  const rows = await db
    .updateTable('gates')
    .set({
      status: 'cancelled',
      decided_at: by.now,
      decided_by: toJson(by.actor),
      decided_via: by.via,
      reason: by.reason ?? null,
      next_escalation_at: null,
    })
    .where('run_id', '=', runId)
    .where('status', '=', 'pending')
    .returningAll()
    .execute();
  return rows.map(toGateRecord);
}
