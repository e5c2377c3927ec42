import { z } from 'zod';
import { blockSchema, type Block } from './block';

/**
 * Block v2 as the design writes it: execution and execution control under `execution`, the
 * lifecycle under `lifecycle`; identity, trigger, inputs, outputs, review, scope, lens and
 * record_state stay where they are. Parsing yields the same `Block` the engine has always read
 * (the flat shape), so the engine, the executors and the template snapshots of old runs stored in
 * the database are untouched by the authoring form.
 */
export const EXECUTION_FIELDS = [
  'runtime',
  'skill',
  'model',
  'timeout',
  'command',
  'url',
  'simulate',
  'parallel_group',
  'human_gate',
  'threshold',
  'retryable',
  'max_retries',
  'max_reworks',
] as const;
export const LIFECYCLE_FIELDS = ['mode'] as const;

/** The group each grouped field is written under in the nested form. */
export const GROUP_OF: ReadonlyMap<string, 'execution' | 'lifecycle'> = new Map([
  ...EXECUTION_FIELDS.map((f) => [f, 'execution'] as const),
  ...LIFECYCLE_FIELDS.map((f) => [f, 'lifecycle'] as const),
]);

const mask = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, true])) as { [P in K]: true };

export const executionSchema = z.strictObject(blockSchema.pick(mask(EXECUTION_FIELDS)).shape);
export const lifecycleSchema = z.strictObject(blockSchema.pick(mask(LIFECYCLE_FIELDS)).shape);

export const nestedBlockSchema = z
  .strictObject({
    ...blockSchema.omit({ ...mask(EXECUTION_FIELDS), ...mask(LIFECYCLE_FIELDS) }).shape,
    execution: executionSchema.prefault({}),
    lifecycle: lifecycleSchema.prefault({}),
  })
  .transform(({ execution, lifecycle, ...rest }): Block => ({ ...rest, ...execution, ...lifecycle }));

export type NestedBlockInput = z.input<typeof nestedBlockSchema>;

/** True when a raw block uses a group key (`execution` or `lifecycle`): the nested form. */
export function isNestedBlock(value: Record<string, unknown>): boolean {
  return Object.hasOwn(value, 'execution') || Object.hasOwn(value, 'lifecycle');
}

/** The grouped fields a raw block sets at its top level (the deprecated flat form). */
export function flatFieldsOf(value: Record<string, unknown>): string[] {
  return Object.keys(value).filter((k) => GROUP_OF.has(k));
}

/** A raw flat block rewritten in the nested form, keys in the order the reference templates use. */
export function toNestedBlock(value: Record<string, unknown>): Record<string, unknown> {
  const identity = ['id', 'name', 'layer', 'type', 'description'].filter((k) => Object.hasOwn(value, k));
  const execution = EXECUTION_FIELDS.filter((k) => Object.hasOwn(value, k));
  const lifecycle = LIFECYCLE_FIELDS.filter((k) => Object.hasOwn(value, k));
  const out: Record<string, unknown> = {};
  for (const k of identity) out[k] = value[k];
  if (execution.length > 0) out.execution = Object.fromEntries(execution.map((k) => [k, value[k]]));
  for (const [k, v] of Object.entries(value)) if (!identity.includes(k) && !GROUP_OF.has(k)) out[k] = v;
  if (lifecycle.length > 0) out.lifecycle = Object.fromEntries(lifecycle.map((k) => [k, value[k]]));
  return out;
}
