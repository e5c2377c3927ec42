import { z } from 'zod';
import { ROLES } from '../domain/statuses';
import { durationSchema, durationWithin } from './duration';
import { PRINCIPAL, PRINCIPAL_SYNTAX } from './principal';
import { budgetSchema, clarificationSchema, repairSchema } from './agent-controls';
import { slaPolicySchema } from './sla';
import { timeZoneSchema } from './time-zone';

export const KEBAB_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const kebabId = (what: string) =>
  z.string().regex(KEBAB_ID, `${what} must be kebab-case: lowercase letters, digits and single dashes`);

export const BLOCK_TYPES = ['extract', 'validate', 'build', 'orchestrate', 'research', 'ingest', 'review', 'deploy'] as const;
export const RUNTIMES = ['anthropic', 'shell', 'webhook', 'manual', 'simulate'] as const;
export const TRIGGER_TYPES = ['dependency', 'cron', 'webhook', 'event', 'manual'] as const;
export const HUMAN_GATES = ['before', 'after', 'none'] as const;
export const LIFECYCLE_MODES = ['one-shot', 'daemon', 'on-demand'] as const;
export const ARTIFACT_FORMATS = ['md', 'json', 'html', 'txt', 'url', 'dir', 'csv', 'yaml', 'file'] as const;
export const METRIC_TYPES = ['score', 'count', 'ratio', 'duration', 'number'] as const;

/** Shortest and longest block timeout: "0s" fails every attempt at once, years never fire. */
export const TIMEOUT_RANGE_MS = { min: 1_000, max: 7 * 86_400_000 } as const;

/** Ids and names that are keys of every JavaScript object; refused so no lookup can mistake them. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(['constructor', 'prototype', '__proto__']);

/** Refuses the names every JavaScript object already has as keys (see RESERVED_NAMES). */
export const notReserved = (schema: z.ZodString, what: string) =>
  schema.refine((v) => !RESERVED_NAMES.has(v), {
    error: (issue) => `${what} ${JSON.stringify(issue.input)} is reserved (every JavaScript object has that key); choose another`,
  });

const ROLE_NAMES: ReadonlySet<string> = new Set(ROLES);

/** A gate approver: a role name, or a principal. */
export const approverSchema = z
  .string()
  .refine((v) => ROLE_NAMES.has(v) || PRINCIPAL.test(v), {
    error: (issue) =>
      `${JSON.stringify(issue.input)} is neither a role nor a principal; write a role (${ROLES.map((r) => `"${r}"`).join(', ')}) or a principal such as ${PRINCIPAL_SYNTAX}`,
  });

/** Fields the engine owns. A template that sets them is told so, by name. */
export const RUNTIME_STATE_FIELDS = ['state', 'status', 'started_at', 'ended_at', 'score', 'error', 'attempts'] as const;

export const dependencySchema = z.strictObject({
  block: kebabId('a dependency block id'),
  /** The output key of that block this block reads (an artifact or metric key). */
  key: z.string().min(1),
});

export const triggerSchema = z.strictObject({
  type: z.enum(TRIGGER_TYPES).default('dependency'),
  cron: z.string().optional().meta({ description: 'Five- or six-field cron expression, e.g. "0 6 * * *"' }),
  timezone: timeZoneSchema.optional(),
  event: z.string().optional().meta({ description: 'e.g. "entity.created(gate=2)"' }),
  webhook: z.string().startsWith('/', 'a webhook trigger is a path starting with "/"').optional(),
});

export const inputsSchema = z.strictObject({
  depends: z.array(dependencySchema).default([]),
  /** Run parameters this block reads (declared in the template's params). */
  params: z.array(z.string().min(1)).default([]),
  files: z.array(z.string()).default([]),
  env: z.array(z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'environment variable names are UPPER_SNAKE_CASE')).default([]),
  config: z.record(z.string(), z.unknown()).default({}),
});

export const artifactSchema = z.strictObject({
  key: notReserved(z.string().min(1), 'the output key'),
  path: z.string().optional(),
  format: z.enum(ARTIFACT_FORMATS),
});

export const metricSchema = z.strictObject({
  key: notReserved(z.string().min(1), 'the output key'),
  type: z.enum(METRIC_TYPES).default('number'),
});

export const outputsSchema = z.strictObject({
  artifacts: z.array(artifactSchema).default([]),
  metrics: z.array(metricSchema).default([]),
  publish: z.array(z.strictObject({ domain: z.string(), slug: z.string() })).nullable().default(null),
});

export const thresholdSchema = z.strictObject({
  metric: z.string().min(1),
  min: z.number(),
});

/** Settings for the simulate runtime: deterministic rehearsal of a block. */
export const simulateSchema = z.strictObject({
  duration: durationSchema.optional(),
  /** Score reported per attempt; the last value repeats. */
  scores: z.array(z.number()).optional(),
  /** Probability (0..1) that an attempt fails; drawn from the run's seed. */
  failure_rate: z.number().min(0).max(1).optional(),
  /** Ask this question on the first attempt (NEEDS_CLARIFICATION). */
  clarify: z.string().optional(),
});

/** Who decides this block's gate, and how fast. */
export const reviewSchema = z.strictObject({
  /** Roles ("reviewer", "admin") or platform user/group ids allowed to decide; default any reviewer. */
  approvers: z.array(approverSchema).optional(),
  /** Ask "are you sure?" before a decision is recorded (guards against a mistaken tap). */
  confirm: z.boolean().optional(),
  priority: z.enum(['critical', 'high', 'medium', 'low']).optional(),
  sla: slaPolicySchema.optional(),
  /** Distinct people who must approve (default 1). Any rejection decides at once. */
  required_approvals: z.number().int().min(1).max(20).optional(),
  /** Approvals needed from named groups (config `groups`, or a role), e.g. { "legal": 1, "eng": 1 }. */
  approval_groups: z.record(z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'group names are lowercase words'), z.number().int().min(1).max(20)).optional(),
});

export const lensSchema = z.strictObject({
  perspective: z.string().min(1),
  aggregates: z.array(z.string()).default([]),
  feedback_loop: z.boolean().default(false),
});

export const recordStateSchema = z.strictObject({
  track_per: z.string().min(1),
  states: z.array(z.string().min(1)).min(1),
});

export const blockSchema = z.strictObject({
  // identity
  id: notReserved(kebabId('a block id'), 'the block id'),
  name: z.string().min(1),
  layer: z.string().optional().meta({ description: 'Display and ordering only, e.g. "L2" or "L0.25"' }),
  type: z.enum(BLOCK_TYPES),
  description: z.string().optional(),
  // execution
  skill: z.string().nullable().optional().meta({ description: 'Prompt file under templates/skills, without .md' }),
  model: z.string().nullable().optional().meta({ description: 'Model alias (factory/architect, factory/coder, factory/fast, factory/cheap, or one from the config) or a model id; null to inherit' }),
  timeout: durationWithin(TIMEOUT_RANGE_MS.min, TIMEOUT_RANGE_MS.max, 'a block timeout').optional(),
  runtime: z.enum(RUNTIMES).default('anthropic'),
  command: z.string().optional().meta({ description: 'Shell command (runtime shell)' }),
  url: z.string().url().optional().meta({ description: 'Worker URL (runtime webhook)' }),
  simulate: simulateSchema.optional(),
  // trigger
  trigger: triggerSchema.default({ type: 'dependency' }),
  // inputs and outputs
  inputs: inputsSchema.default({ depends: [], params: [], files: [], env: [], config: {} }),
  outputs: outputsSchema.default({ artifacts: [], metrics: [], publish: null }),
  // execution control
  parallel_group: z.string().nullable().default(null),
  human_gate: z.enum(HUMAN_GATES).default('none'),
  threshold: thresholdSchema.nullable().default(null),
  retryable: z.boolean().default(true),
  max_retries: z.number().int().min(0).max(20).default(2),
  /** How often a rejected after-gate may send the block back for rework. */
  max_reworks: z.number().int().min(0).max(20).default(3),
  review: reviewSchema.optional(),
  /** Most this block may spend across its attempts; passing it opens a budget gate. */
  budget: budgetSchema.optional(),
  /** Where the agent's questions go, and how many it may ask. */
  clarification: clarificationSchema.optional(),
  /** Re-run an attempt that fails a check with the failure as a hint, up to a bound. */
  repair: repairSchema.optional(),
  // lifecycle
  mode: z.enum(LIFECYCLE_MODES).default('one-shot'),
  // scope
  scope: z
    .strictObject({
      gate: z.number().int().min(1).max(4).nullable().default(null),
      run_params: z.record(z.string(), z.unknown()).default({}),
    })
    .nullable()
    .default(null),
  // patterns 2 and 3
  lens: lensSchema.nullable().default(null),
  record_state: recordStateSchema.nullable().default(null),
});

export type Block = z.output<typeof blockSchema>;
export type BlockInput = z.input<typeof blockSchema>;
export type Dependency = z.output<typeof dependencySchema>;
