import { join } from 'node:path';
import { z } from 'zod';
import { durationSchema } from './schema/duration';

/**
 * The only reader of the environment. Every setting the process takes from the environment is
 * declared here; `.env.example` lists exactly these keys (a test checks it).
 */
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  /** PostgreSQL connection string. Without it, embedded PGlite in FACTORY_DATA_DIR. */
  DATABASE_URL: optionalString,
  FACTORY_DATA_DIR: z.string().default('./data'),
  /** Optional JSON config file for roles, channels and escalation defaults. */
  FACTORY_CONFIG: optionalString,
  FACTORY_TEMPLATES_DIR: z.string().default('./templates'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Public base URL of this bot's HTTP server, for "Details" links in cards. */
  PUBLIC_BASE_URL: optionalString,
  /** Key that signs the run page links in cards (HMAC-SHA256); unset: generated once and kept in the database. */
  WEB_LINK_SECRET: optionalString.refine((v) => v === undefined || v.length >= 32, 'use at least 32 characters (e.g. `openssl rand -hex 32`)'),
  /** How long a run page link in a card stays valid ("7d", "12h"); cards refresh their links when they are updated. */
  WEB_LINK_TTL: durationSchema.default(7 * 24 * 3_600_000),
  RUNNER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(4),
  ESCALATION_CRON: z.string().default('*/30 * * * * *'),
  /** How fast a rehearsal (`/factory run <template> simulate`) runs: 0.001 turns 10 minutes into 0.6 s. */
  SIMULATE_TIME_SCALE: z.coerce.number().min(0).max(1).default(0.001),
  /** Enables the shell runtime; a comma-separated list of variables shell blocks may receive (may be empty). */
  FACTORY_SHELL_ENV: z.string().optional(),

  ANTHROPIC_API_KEY: optionalString,
  ANTHROPIC_BASE_URL: optionalString,
  /** Shared secret for signing webhook executor jobs and verifying worker callbacks. */
  WEBHOOK_SECRET: optionalString,
  /** PagerDuty Events API v2 endpoint and routing key for the "page the owner" ladder step. */
  PAGER_EVENTS_URL: optionalString,
  PAGER_ROUTING_KEY: optionalString,
  /** How often the event log is read when no wake-up came (SSE, webhooks, MCP subscriptions). */
  EVENTS_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  /** A comment line on every open SSE stream this often, so proxies keep it open. */
  EVENTS_HEARTBEAT_MS: z.coerce.number().int().min(100).max(300_000).default(15_000),
  /** The API token `npm run mcp` (the stdio MCP server) acts as; create one with `npm run factory -- token create`. */
  FACTORY_API_TOKEN: optionalString,

  /** REST and MCP requests one API token may make a minute (per replica); bursts up to the same number. */
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
  /** HMAC secret of inbound webhook triggers (POST /v1/hooks/<template>); without it they answer 503. */
  FACTORY_HOOK_SECRET: optionalString,

  DISCORD_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: optionalString,
  DISCORD_GUILD_ID: optionalString,
  DISCORD_API_URL: optionalString,
  /** Register /factory with Discord at start when Discord's copy differs (one GET; a PUT only on a change). */
  DISCORD_REGISTER_COMMANDS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const text = (v ?? '').trim().toLowerCase();
      if (text === '' || ['true', '1', 'yes', 'on'].includes(text)) return true;
      if (['false', '0', 'no', 'off'].includes(text)) return false;
      ctx.addIssue({ code: 'custom', message: 'write true or false (false: register only with `npm run commands:deploy`)' });
      return z.NEVER;
    }),

  SLACK_BOT_TOKEN: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_API_URL: optionalString,
});

export type Env = z.output<typeof envSchema>;
export const ENV_KEYS = Object.keys(envSchema.shape) as Array<keyof Env>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** The variables a shell block may receive: only those named in FACTORY_SHELL_ENV, never the whole environment. */
export function shellEnvironment(env: Env, source: NodeJS.ProcessEnv = process.env): Record<string, string | undefined> | undefined {
  if (env.FACTORY_SHELL_ENV === undefined) return undefined;
  const names = env.FACTORY_SHELL_ENV.split(',').map((n) => n.trim()).filter(Boolean);
  return Object.fromEntries(names.map((name) => [name, source[name]]));
}

/** Parses the environment once; throws a ConfigError whose message says which variable and how to fix it. */
export function readEnv(env: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `- ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment (see .env.example):\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** Where embedded PGlite keeps its files: one folder under FACTORY_DATA_DIR for the bot and every CLI. */
export function pgliteDataDir(env: Pick<Env, 'FACTORY_DATA_DIR'>): string {
  return join(env.FACTORY_DATA_DIR, 'pglite');
}
