import type { BlockerView, GateView, RunView } from '../domain/views';

/** The compact shapes MCP tools and resources return (no secrets: run params stay out). */
export function taskOf(g: GateView) {
  return {
    task_id: g.id,
    run_id: g.runId,
    run: g.runName,
    template: g.templateName,
    block: g.blockName,
    block_id: g.blockId,
    kind: g.kind,
    position: g.position,
    status: g.status,
    priority: g.priority,
    attempt: g.attempt,
    question: g.question,
    opened_at: g.openedAt.toISOString(),
    deadline_at: g.deadlineAt?.toISOString() ?? null,
    claimed_by: g.claimedBy?.name ?? null,
    decided_by: g.decidedBy?.name ?? null,
    reason: g.reason,
    reworks: g.reworks,
    max_reworks: g.maxReworks,
    metrics: g.metrics,
    artifacts: g.artifacts.map((a) => ({ key: a.key, format: a.format })),
  };
}

export function runStateOf(r: RunView) {
  return {
    run_id: r.id,
    name: r.name,
    template: r.templateId,
    status: r.status,
    simulate: r.simulate,
    created_by: r.createdBy,
    created_at: r.createdAt.toISOString(),
    ended_at: r.endedAt?.toISOString() ?? null,
    end_reason: r.endReason ?? null,
    blocks: r.blocks.map((b) => ({ id: b.id, name: b.name, status: b.status, attempts: b.attempts })),
    pending_tasks: r.pendingGates.map(taskOf),
    undelivered_messages: r.deliveryProblems,
  };
}

/** What to do about a blocker, in one sentence. */
export function suggestionFor(b: BlockerView): string {
  switch (b.reason) {
    case 'sla-breached':
      return `Decide gate #${b.gateId} now (factory_approve_task or factory_reject_task): its SLA deadline has passed.`;
    case 'unclaimed':
    case 'unassigned':
      return `Claim gate #${b.gateId} (factory_claim_task) so the reminders stop going to everyone.`;
    case 'awaiting-decision':
      return `Review gate #${b.gateId} (prompt review_gate) and decide it.`;
    case 'failed':
      return `Block ${b.blockName} failed${b.error ? ` (${b.error.slice(0, 120)})` : ''}: retry it from chat with /factory retry ${b.runId} ${b.blockId}, or cancel the run.`;
  }
}

export function blockerOf(b: BlockerView) {
  return {
    kind: b.kind,
    reason: b.reason,
    run_id: b.runId,
    run: b.runName,
    block: b.blockName,
    task_id: b.gateId ?? null,
    must_act: b.mustAct,
    claimed_by: b.claimedBy?.name ?? null,
    since: b.since.toISOString(),
    deadline_at: b.deadlineAt?.toISOString() ?? null,
    error: b.error ?? null,
    suggestion: suggestionFor(b),
  };
}
