import { SYSTEM_ACTOR } from '../domain/actor';
import type { GateRecord, RunRecord } from '../domain/records';
import type { ResolvedPolicy } from '../engine/sla';
import { appendAudit } from '../store/audit.store';
import type { Queryable } from '../store/db-schema';
import { unclaimGate } from '../store/gate-tasks.store';

/**
 * Gives a claim that ran past `claim_lapse` without a decision back to the team: the claim is
 * cleared and audited, and the ladder speaks to the channel again. Returns the gate as it is now.
 */
export async function lapseClaim(db: Queryable, run: RunRecord, gate: GateRecord, policy: ResolvedPolicy, now: Date): Promise<GateRecord> {
  const released = (await unclaimGate(db, gate.id)) ?? { ...gate, claimedBy: null, claimant: null, claimedAt: null };
  const claimant = gate.claimant ? { id: gate.claimant.id, name: gate.claimant.name, platform: gate.claimant.platform } : null;
  await appendAudit(db, {
    at: now,
    actor: SYSTEM_ACTOR,
    action: 'gate.claim_lapsed',
    entityType: 'gate',
    entityId: gate.id,
    runId: run.id,
    gateId: gate.id,
    changes: { from: claimant?.name ?? null, to: null },
    metadata: { claimant, claimedAt: gate.claimedAt?.toISOString() ?? null, claimLapseMs: policy.claimLapseMs },
  });
  return released;
}
