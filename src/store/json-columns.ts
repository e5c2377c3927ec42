/**
 * jsonb in and out. Written as JSON text (node-postgres would turn a JS array into a PostgreSQL
 * array); read back through zod, because JSON from the database is outside input too.
 */
import { z } from 'zod';
import type { Actor } from '../domain/actor';
import type { Card } from '../domain/card';
import type { RunOrigin } from '../domain/records';
import type { AttemptOutcome, BudgetLimit } from '../domain/run';
import { PLATFORMS } from '../domain/statuses';

export const toJson = (value: unknown): string => JSON.stringify(value);
export const toJsonOrNull = (value: unknown): string | null => (value === undefined || value === null ? null : JSON.stringify(value));

const actorSchema = z.object({
  type: z.enum(['human', 'agent', 'system']),
  platform: z.enum(PLATFORMS),
  id: z.string(),
  name: z.string(),
  groups: z.array(z.string()).optional(),
  isPlatformAdmin: z.boolean().optional(),
});

const outcomeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('complete'), metrics: z.record(z.string(), z.number()) }),
  z.object({ kind: z.literal('failed'), error: z.string(), retryable: z.boolean(), check: z.literal('output').optional() }),
  z.object({ kind: z.literal('timeout'), error: z.string() }),
  z.object({ kind: z.literal('needs_clarification'), question: z.string() }),
  z.object({ kind: z.literal('blocked'), blockers: z.array(z.string()) }),
]);

// The core of a Card; the rest passes through as written. JSON turns `timestamp` into a string.
const cardSchema = z.looseObject({
  kind: z.string(),
  title: z.string(),
  summary: z.string(),
  tone: z.string(),
  timestamp: z.coerce.date().optional(),
});

const budgetLimitSchema = z.object({
  scope: z.enum(['run', 'block']),
  costUsd: z.number().optional(),
  tokens: z.number().optional(),
});

const objectSchema = z.record(z.string(), z.unknown());

const originSchema = z.object({
  platform: z.enum(PLATFORMS),
  channelId: z.string().nullish(),
  threadId: z.string().nullish(),
});

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new Error(`stored ${what} is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

export const parseActor = (value: unknown, what = 'actor'): Actor => parse(actorSchema, value, what);
export const parseOptionalActor = (value: unknown, what = 'actor'): Actor | null => (value == null ? null : parseActor(value, what));
export const parseOutcome = (value: unknown): AttemptOutcome | null => (value == null ? null : parse(outcomeSchema, value, 'attempt outcome'));
export const parseCard = (value: unknown): Card => parse(cardSchema, value, 'card') as unknown as Card;
export const parseOrigin = (value: unknown): RunOrigin | null => (value == null ? null : parse(originSchema, value, 'run origin'));
export const parseBudgetLimit = (value: unknown, what: string): BudgetLimit | null => (value == null ? null : parse(budgetLimitSchema, value, what));
export const parseObject = (value: unknown, what: string): Record<string, unknown> => parse(objectSchema, value, what);
const stringListSchema = z.array(z.string());
/** A jsonb string array (conditions); null reads as empty. */
export const parseStringList = (value: unknown, what: string): string[] => (value == null ? [] : parse(stringListSchema, value, what));
export const parseOptionalObject = (value: unknown, what: string): Record<string, unknown> | null =>
  value == null ? null : parseObject(value, what);
