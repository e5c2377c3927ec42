import { z } from 'zod';
import type { RunView } from '../../domain/views';
import type { ArtifactMeta, AttemptMeta } from '../../store/api-pages.store';
import { gateSchema, toGateDto } from './gate.schema';

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);
const statusSchema = z.enum(['running', 'completed', 'failed', 'cancelled']);

export const runSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  template_id: z.string(),
  template_name: z.string(),
  status: statusSchema,
  simulate: z.boolean(),
  created_by: z.string(),
  created_at: z.string(),
  ended_at: z.string().nullable(),
  end_reason: z.string().nullable(),
  params: z.record(z.string(), z.unknown()),
  pending_gates: z.array(z.string()).meta({ description: 'Ids of the gates waiting on a person' }),
  usage: z.object({ input_tokens: z.number(), output_tokens: z.number(), cost_usd: z.number() }),
});

const blockSchema = z.object({
  id: z.string(),
  name: z.string(),
  layer: z.string().nullable(),
  status: z.string(),
  attempts: z.number().int(),
  score: z.number().nullable(),
  error: z.string().nullable(),
  started_at: z.string().nullable(),
  ended_at: z.string().nullable(),
});

export const runDetailSchema = runSummarySchema.extend({
  autonomy: z.record(z.string(), z.enum(['gate', 'guided', 'auto'])),
  blocks: z.array(blockSchema),
  gates: z.array(gateSchema).meta({ description: 'Pending gates, with their context' }),
  attempts: z.array(z.object({ block_id: z.string(), attempt: z.number().int(), status: z.string(), worker: z.string(), started_at: z.string(), ended_at: z.string().nullable() })),
  artifacts: z.array(
    z.object({ block_id: z.string(), attempt: z.number().int(), key: z.string(), format: z.string(), size_bytes: z.number().nullable(), checksum: z.string().nullable(), location: z.string().nullable(), created_at: z.string() }),
  ),
  delivery_problems: z.number().int(),
});

export function toRunSummary(r: RunView): z.output<typeof runSummarySchema> {
  return {
    id: r.id,
    name: r.name,
    template_id: r.templateId,
    template_name: r.templateName,
    status: r.status,
    simulate: r.simulate,
    created_by: r.createdBy,
    created_at: r.createdAt.toISOString(),
    ended_at: iso(r.endedAt),
    end_reason: r.endReason ?? null,
    params: r.params,
    pending_gates: r.pendingGates.map((g) => g.id),
    usage: { input_tokens: r.usage.inputTokens, output_tokens: r.usage.outputTokens, cost_usd: r.usage.costUsd },
  };
}

export function toRunDetail(r: RunView, attempts: AttemptMeta[], artifacts: ArtifactMeta[]): z.output<typeof runDetailSchema> {
  return {
    ...toRunSummary(r),
    autonomy: r.autonomy,
    blocks: r.blocks.map((b) => ({ id: b.id, name: b.name, layer: b.layer, status: b.status, attempts: b.attempts, score: b.score, error: b.error, started_at: iso(b.startedAt), ended_at: iso(b.endedAt) })),
    gates: r.pendingGates.map(toGateDto),
    attempts: attempts.map((a) => ({ block_id: a.blockId, attempt: a.attempt, status: a.status, worker: a.worker, started_at: a.startedAt.toISOString(), ended_at: iso(a.endedAt) })),
    artifacts: artifacts.map((a) => ({ block_id: a.blockId, attempt: a.attempt, key: a.key, format: a.format, size_bytes: a.sizeBytes, checksum: a.checksum, location: a.location, created_at: a.createdAt.toISOString() })),
    delivery_problems: r.deliveryProblems,
  };
}
