import { z } from 'zod';
import { GATE_KINDS, GATE_STATUSES } from '../../domain/statuses';
import type { GateView } from '../../domain/views';

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

export const gateSchema = z.object({
  id: z.string(),
  run_id: z.string(),
  run_name: z.string(),
  template_name: z.string(),
  block_id: z.string(),
  block_name: z.string(),
  position: z.enum(['before', 'after']),
  kind: z.enum(GATE_KINDS),
  status: z.enum(GATE_STATUSES),
  mode: z.enum(['gate', 'guided', 'auto']),
  attempt: z.number().int(),
  question: z.string().nullable(),
  priority: z.enum(['critical', 'high', 'medium', 'low']),
  opened_at: z.string(),
  deadline_at: z.string().nullable(),
  decided_at: z.string().nullable(),
  decided_by: z.object({ name: z.string(), platform: z.string() }).nullable(),
  decided_via: z.string().nullable(),
  reason: z.string().nullable(),
  claimed_by: z.object({ id: z.string(), name: z.string() }).nullable(),
  escalation_level: z.number().int(),
  confirm: z.boolean().meta({ description: 'Approval needs "confirm": true' }),
  metrics: z.record(z.string(), z.number()),
  threshold: z.object({ metric: z.string(), min: z.number() }).nullable(),
  next_blocks: z.array(z.object({ id: z.string(), name: z.string() })),
  reworks: z.number().int(),
  max_reworks: z.number().int(),
  artifacts: z.array(z.object({ key: z.string(), format: z.string(), preview: z.string().nullable(), size_bytes: z.number().nullable(), url: z.string().nullable() })),
});

export function toGateDto(g: GateView): z.output<typeof gateSchema> {
  return {
    id: g.id,
    run_id: g.runId,
    run_name: g.runName,
    template_name: g.templateName,
    block_id: g.blockId,
    block_name: g.blockName,
    position: g.position,
    kind: g.kind,
    status: g.status,
    mode: g.mode,
    attempt: g.attempt,
    question: g.question,
    priority: g.priority,
    opened_at: g.openedAt.toISOString(),
    deadline_at: iso(g.deadlineAt),
    decided_at: iso(g.decidedAt),
    decided_by: g.decidedBy ? { name: g.decidedBy.name, platform: g.decidedBy.platform } : null,
    decided_via: g.decidedVia,
    reason: g.reason,
    claimed_by: g.claimedBy ? { id: g.claimedBy.id, name: g.claimedBy.name } : null,
    escalation_level: g.escalationLevel,
    confirm: g.confirm,
    metrics: g.metrics,
    threshold: g.threshold,
    next_blocks: g.nextBlocks,
    reworks: g.reworks,
    max_reworks: g.maxReworks,
    artifacts: g.artifacts.map((a) => ({ key: a.key, format: a.format, preview: a.preview, size_bytes: a.sizeBytes, url: a.url ?? null })),
  };
}
