import { z } from 'zod';
import type { FakeSlackState } from './state';
import { validateMessageBlocks, type Refusal } from './validate-blocks';

/** What a Web API method answers: Slack always says `ok`, and `error` when it is false. */
export type MethodResult = { ok: boolean; error?: string } & Record<string, unknown>;

export interface RouteContext {
  state: FakeSlackState;
  /** Base URL of the fake, for response_url and socket URLs it hands out. */
  baseUrl: string;
  /** Mints a Socket Mode URL (apps.connections.open). */
  openSocketUrl(): string;
}

/** Which token a method wants: Slack refuses app tokens on bot methods and vice versa (`not_allowed_token_type`). */
export interface Route {
  token: 'bot' | 'app';
  handle(args: Record<string, unknown>, ctx: RouteContext): MethodResult;
}

/**
 * Parses method arguments. @slack/web-api form-encodes every call and JSON-encodes nested values
 * (blocks, view) as strings, while a JSON body carries them as values; both arrive here alike.
 */
export function parseArgs<T extends z.ZodType>(schema: T, raw: Record<string, unknown>): { ok: true; args: z.infer<T> } | { ok: false; result: MethodResult } {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, args: parsed.data };
  const messages = parsed.error.issues.map((issue) => `[ERROR] ${issue.message} [json-pointer:/${issue.path.join('/')}]`);
  return { ok: false, result: { ok: false, error: 'invalid_arguments', response_metadata: { messages } } };
}

/** A nested JSON argument: decoded when it came form-encoded as a string, passed through otherwise. */
export function jsonArg(value: unknown): { ok: true; value: unknown } | { ok: false } {
  if (typeof value !== 'string') return { ok: true, value };
  try {
    return { ok: true, value: JSON.parse(value) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Slack's refusal body: `errors` for blocks, `response_metadata.messages` as web-api logs them. */
export function refuse(refusal: Refusal): MethodResult {
  return { ok: false, error: refusal.error, errors: refusal.errors, response_metadata: { messages: refusal.errors.map((e) => `[ERROR] ${e}`) } };
}

export const fail = (error: string): MethodResult => ({ ok: false, error });

/**
 * Text and blocks of a message-like body, decoded and checked against Block Kit's limits:
 * `no_text` when both are missing, `invalid_blocks` / `msg_blocks_too_long` as Slack answers.
 */
export function messageContent(raw: { text?: string | undefined; blocks?: unknown }): { ok: true; text: string | undefined; blocks: unknown[] | undefined } | { ok: false; result: MethodResult } {
  if (raw.blocks === undefined || raw.blocks === '') {
    return raw.text ? { ok: true, text: raw.text, blocks: undefined } : { ok: false, result: fail('no_text') };
  }
  const decoded = jsonArg(raw.blocks);
  if (!decoded.ok || !Array.isArray(decoded.value)) return { ok: false, result: fail('invalid_blocks_format') };
  if (decoded.value.length === 0 && !raw.text) return { ok: false, result: fail('no_text') };
  const refusal = validateMessageBlocks(decoded.value);
  if (refusal) return { ok: false, result: refuse(refusal) };
  return { ok: true, text: raw.text, blocks: decoded.value };
}

export const channelId = z.string().min(1);
