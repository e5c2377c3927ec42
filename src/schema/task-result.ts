import { z } from 'zod';

export const TASK_RESULT_STATUSES = ['COMPLETE', 'NEEDS_CLARIFICATION', 'BLOCKED'] as const;

/** What every agent objective returns (from the software-factory design). */
export const taskResultSchema = z.strictObject({
  status: z.enum(TASK_RESULT_STATUSES),
  reasoning: z.string().default(''),
  blockers: z.array(z.string()).default([]),
  assumptions_made: z.array(z.string()).default([]),
  verified_facts: z.array(z.string()).default([]),
  clarification_needed: z.string().nullable().default(null),
  /** Output artifacts by the keys the block declares. */
  artifacts: z.record(z.string(), z.string()).default({}),
  /** Metrics by the keys the block declares, e.g. { "score": 0.91 }. */
  metrics: z.record(z.string(), z.number()).default({}),
});

export type TaskResult = z.output<typeof taskResultSchema>;
