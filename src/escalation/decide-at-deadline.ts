import { buildGateCard } from '../cards';
import { SYSTEM_ACTOR } from '../domain/actor';
import type { GateRecord, RunRecord } from '../domain/records';
import { formatDuration } from '../schema/duration';
import { advanceRun } from '../runner/advance-run';
import { refreshGateCard } from '../runner/gate-operations';
import { appendAudit } from '../store/audit.store';
import type { Queryable } from '../store/db-schema';
import { decideGate } from '../store/gate-decisions.store';
import type { Destination, EscalationDeps } from './escalation-deps';
import { reminderSubject } from './escalation-deps';
import { postToNamedChannel } from './post-to-channel';

/**
 * The deadline decides a gate nobody decided: `reject` fails closed (the gate expires, and the
 * engine fails its block), `approve` (only where the policy allows auto-approval) lets the run go
 * on. Either way the system decides via 'deadline', so no card ever shows it as a person's
 * decision; the audit row says it timed out. Every copy of the gate card and of its reminders
 * becomes the decided card, and the alerts channel is told once. The caller holds the run lock.
 * Returns where the notice went, or null when the gate was decided meanwhile.
 */
export async function decideAtDeadline(
  deps: EscalationDeps,
  db: Queryable,
  run: RunRecord,
  gate: GateRecord,
  action: 'reject' | 'approve',
  folded: readonly string[],
  now: Date,
): Promise<Destination[] | null> {
  const { ctx } = deps;
  const status = action === 'reject' ? 'expired' : 'approved';
  const waited = formatDuration(now.getTime() - gate.openedAt.getTime());
  const reason =
    action === 'reject'
      ? `No decision within the SLA deadline (waited ${waited}): expired, rejected automatically`
      : `No decision within the SLA deadline (waited ${waited}): approved automatically, as the template allows`;
  const decided = await decideGate(db, { gateId: gate.id, status, actor: SYSTEM_ACTOR, via: 'deadline', reason, now });
  if (decided.outcome !== 'decided') return null;
  await appendAudit(db, {
    at: now,
    actor: SYSTEM_ACTOR,
    action: action === 'reject' ? 'gate.expired' : 'gate.timed_out',
    entityType: 'gate',
    entityId: gate.id,
    runId: run.id,
    gateId: gate.id,
    changes: { from: 'pending', to: status },
    metadata: { reason, via: 'deadline', onDeadline: action, timedOut: true, deadlineAt: gate.deadlineAt?.toISOString() ?? null, folded, block: gate.blockId },
  });
  const view = await refreshGateCard(ctx, db, run, decided.gate, now, 'decided');
  const card = buildGateCard(view, { now, publicBaseUrl: ctx.publicBaseUrl });
  await ctx.notifier.updateSubject(db, reminderSubject(gate.id), card, 'decided', now);
  const went = await postToNamedChannel(deps, db, run, 'alerts', { key: `gate:${gate.id}:deadline`, subject: reminderSubject(gate.id), card, stepMentions: [], principals: [] }, now);
  await advanceRun(db, run.id, now, ctx, { changed: [gate.blockId] });
  ctx.metrics?.gateDecisions.inc({ decision: action, platform: 'system' });
  return went;
}
