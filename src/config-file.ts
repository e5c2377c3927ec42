import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { slaPolicySchema, quietHoursSchema } from './schema/sla';
import { ROLES } from './domain/statuses';
import { principalSchema } from './schema/principal';
import { durationSchema } from './schema/duration';
import { DEFAULT_MODEL_ALIASES, isModelId } from './schema/model-aliases';

export { principalSchema };

const platformChannelsSchema = z.strictObject({
  discord: z.string().regex(/^\d{15,25}$/, 'a Discord channel id is a snowflake (digits)').optional(),
  slack: z.string().regex(/^[CGD][A-Z0-9]{6,}$/, 'a Slack channel id looks like C0123ABCD').optional(),
  console: z.string().optional(),
});

const modelIdSchema = z.string().regex(/^claude-[a-z0-9.-]+$/, 'a model id looks like "claude-sonnet-5-5"');

/**
 * Model routing: alias -> the ordered models to try (the first answers; the next ones take over on
 * overload, rate limits, server errors and timeouts). Entries replace the built-in chains of the
 * same name (src/schema/model-aliases.ts) and add new aliases.
 */
export const modelsConfigSchema = z
  .strictObject({
    aliases: z
      .record(z.string().regex(/^[a-z0-9][a-z0-9/_.-]*$/, 'alias names are lowercase, e.g. "factory/coder"'), z.array(modelIdSchema).min(1, 'an alias needs at least one model'))
      .default({}),
    /** The alias of blocks that name no model. Default "factory/coder". */
    default: z.string().min(1).optional(),
    /** Longest wait for one model before the next in the chain is tried (e.g. "2m"); default: the whole attempt. */
    request_timeout: durationSchema.optional(),
  })
  .superRefine((models, ctx) => {
    if (models.default === undefined) return;
    const known = new Set([...Object.keys(DEFAULT_MODEL_ALIASES), ...Object.keys(models.aliases)]);
    if (!known.has(models.default) && !isModelId(models.default)) {
      ctx.addIssue({ code: 'custom', path: ['default'], message: `unknown model alias "${models.default}": use one of ${[...known].sort().join(', ')}` });
    }
  });

/** A team a clarification can be routed to: where its question is posted, and who may answer. */
const teamSchema = z.strictObject({
  /** A named channel (see `channels`); default the tasks channel. */
  channel: z.string().optional(),
  /** Roles ("reviewer") or principals who may answer; owners and admins always may. */
  members: z.array(z.string().min(1)).min(1, 'a team needs at least one member (a role or a principal)'),
});

export const fileConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  /** Role -> principals holding it. Without this section, only platform admins may act. */
  roles: z.partialRecord(z.enum(ROLES), z.array(principalSchema)).optional(),
  /** Named channels (feed, tasks, alerts, deploys, or any name a template or ladder step uses). */
  channels: z.record(z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'channel names are lowercase words'), platformChannelsSchema).default({}),
  /** Default SLA and ladder for every gate (templates and blocks may override). */
  escalation: slaPolicySchema.optional(),
  permissions: z
    .strictObject({
      /** Refuse a decision on a gate of a run you started yourself. */
      forbid_self_approval: z.boolean().default(false),
      /** Discord server administrators and Slack workspace admins get the admin role. */
      platform_admins_are_admins: z.boolean().default(true),
    })
    .default({ forbid_self_approval: false, platform_admins_are_admins: true }),
  /** Who is paged at the end of the ladder when a template names no owner. */
  owner: principalSchema.optional(),
  /**
   * Named groups of people for quorum gates (`review.approval_groups`), e.g. "legal": ["slack:user:U1",
   * "discord:role:123"]. A block may also name a role (roles.reviewer) as a group.
   */
  groups: z.record(z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'group names are lowercase words'), z.array(principalSchema)).default({}),
  /** Working hours per person (principal), for quiet hours on personal reminders. */
  people: z.record(principalSchema, z.strictObject({ quiet_hours: quietHoursSchema })).default({}),
  /** Model aliases and their fallback chains, for anthropic blocks. */
  models: modelsConfigSchema.default({ aliases: {} }),
  /** Where cards go: `gate_copies` also posts each gate card in the run's channel when a tasks channel is mapped. */
  cards: z.strictObject({ gate_copies: z.boolean().default(false) }).default({ gate_copies: false }),
  /** Teams a block's `clarification.target` may name. */
  teams: z.record(z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'team names are lowercase words'), teamSchema).default({}),
});

export type FileConfig = z.output<typeof fileConfigSchema>;

/** Every alias chain in force: the built-in ones with the config's over them. */
export function modelAliasesOf(config: Pick<FileConfig, 'models'>): Record<string, readonly string[]> {
  return { ...DEFAULT_MODEL_ALIASES, ...config.models.aliases };
}

export const EMPTY_FILE_CONFIG: FileConfig = fileConfigSchema.parse({});

export class ConfigFileError extends Error {
  override readonly name = 'ConfigFileError';
}

/** Parses config JSON; errors name the JSON path and say what is wrong. */
export function parseFileConfig(input: unknown, source = 'factory.config.json'): FileConfig {
  const parsed = fileConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const path = ['$', ...issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))].join('');
    const message = issue.code === 'unrecognized_keys' ? `unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message;
    return `- ${path.replace('$.', '$.')}: ${message}`;
  });
  throw new ConfigFileError(`${source} is invalid:\n${lines.join('\n')}`);
}

/**
 * Loads the optional config file. An explicit path that does not exist is an error (a typo should
 * not silently drop every role); the default path may be absent.
 */
export async function loadFileConfig(path: string | undefined, defaultPath = './factory.config.json'): Promise<FileConfig> {
  const target = path ?? defaultPath;
  let text: string;
  try {
    text = await readFile(target, 'utf8');
  } catch (error) {
    if (!path && (error as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY_FILE_CONFIG;
    throw new ConfigFileError(`Cannot read the config file ${target} (FACTORY_CONFIG): ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigFileError(`${target} is not valid JSON: ${(error as Error).message}`);
  }
  return parseFileConfig(json, target);
}
