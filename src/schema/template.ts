import { z } from 'zod';
import { KEBAB_ID, blockSchema, notReserved } from './block';
import { budgetSchema } from './agent-controls';
import { nestedBlockSchema } from './block-v2';
import { slaPolicySchema } from './sla';
import { timeZoneSchema } from './time-zone';

const NO_BLOCKS = 'a template needs at least one block';

export const PARAM_TYPES = ['string', 'number', 'boolean', 'url'] as const;

export const paramSchema = z.strictObject({
  type: z.enum(PARAM_TYPES).default('string'),
  description: z.string().optional(),
  required: z.boolean().default(false),
  default: z.union([z.string(), z.number(), z.boolean()]).optional(),
});

/** Named channels a template posts to; config maps each name to Discord and Slack channel ids. */
export const templateChannelsSchema = z.strictObject({
  feed: z.string().optional(),
  tasks: z.string().optional(),
  alerts: z.string().optional(),
  deploys: z.string().optional(),
});

export const cronTriggerSchema = z.strictObject({
  type: z.literal('cron'),
  cron: z.string(),
  timezone: timeZoneSchema.optional(),
  /** Parameters for scheduled runs. */
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
});

/** Started by a signed `POST /v1/hooks/<template id>`; `map` names where each parameter is in the JSON body. */
export const webhookTriggerSchema = z.strictObject({
  type: z.literal('webhook'),
  /** Parameter name -> dotted path in the body ("pull_request.title"); unmapped parameters are read from top-level keys of the same name. */
  map: z.record(z.string(), z.string().min(1)).default({}),
});

export const templateTriggerSchema = z.discriminatedUnion('type', [cronTriggerSchema, webhookTriggerSchema]);

/**
 * A template whose blocks are written in the flat form (execution fields at the top of each block):
 * deprecated for authoring, still read (with a warning per block) so existing files keep loading.
 */
export const flatTemplateSchema = z.strictObject({
  $schema: z.string().optional(),
  id: z.string().regex(KEBAB_ID, 'a template id must be kebab-case: lowercase letters, digits and single dashes'),
  name: z.string().min(1),
  description: z.string().optional(),
  version: z.number().int().min(1).optional().meta({ description: 'A whole number, raised when the template changes' }),
  params: z.record(notReserved(z.string().regex(/^[a-z_][a-z0-9_]*$/, 'parameter names are snake_case'), 'the parameter name'), paramSchema).default({}),
  sla: slaPolicySchema.optional(),
  channels: templateChannelsSchema.optional(),
  /** Who is paged at the end of the escalation ladder (a platform user id or a role). */
  owner: z.string().optional(),
  trigger: templateTriggerSchema.optional(),
  /** The priority of its runs unless `/factory run … priority=…` says otherwise (default medium). */
  priority: z.enum(['critical', 'high', 'medium', 'low']).optional(),
  /** Most one run may spend on model calls; a run may lower or raise it with the `budget_usd` and `budget_tokens` parameters. */
  budget: budgetSchema.optional(),
  blocks: z.array(blockSchema).min(1, NO_BLOCKS),
});

/** A template in the canonical Block v2 form (`execution` and `lifecycle` groups): what the JSON Schema describes. */
export const nestedTemplateSchema = z.strictObject({ ...flatTemplateSchema.shape, blocks: z.array(nestedBlockSchema).min(1, NO_BLOCKS) });

/**
 * Either form, block by block: for code and tests that build templates. `validateTemplate` picks
 * one form per file instead, so its sentences and paths follow what the author wrote.
 */
export const templateSchema = z.strictObject({ ...flatTemplateSchema.shape, blocks: z.array(z.union([blockSchema, nestedBlockSchema])).min(1, NO_BLOCKS) });

export type Template = z.output<typeof flatTemplateSchema>;
export type TemplateInput = z.input<typeof templateSchema>;
export type TemplateParam = z.output<typeof paramSchema>;
