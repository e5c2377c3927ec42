/**
 * Button and modal ids. A button carries only "<target>:<id>:<verb>" (state stays in the database);
 * the adapters route a click by parsing it back. Ids stay within Discord's 100-character custom_id.
 * The builders throw only on programming errors (an id with ":" or over 100 characters): ids come
 * from our own database, and a UUID run id leaves 50 characters for a block id.
 */
import { z } from 'zod';
import { err, ok, type Result } from '../domain/result';

export const GATE_VERBS = ['approve', 'reject', 'claim', 'answer', 'flag', 'snooze', 'details', 'reassign'] as const;
export const RUN_VERBS = ['status', 'cancel', 'details'] as const;
export const BLOCK_VERBS = ['retry'] as const;
/** A stored bulk approval (its gate list lives in the database, the button carries its id). */
export const BULK_VERBS = ['approve'] as const;
/** A second click after a confirmation card: go ahead, or leave things as they are. */
export const ACTION_STEPS = ['confirm', 'dismiss'] as const;

export type GateVerb = (typeof GATE_VERBS)[number];
export type RunVerb = (typeof RUN_VERBS)[number];
export type BlockVerb = (typeof BLOCK_VERBS)[number];
export type BulkVerb = (typeof BULK_VERBS)[number];
export type ActionStep = (typeof ACTION_STEPS)[number];

export type ParsedAction =
  | { target: 'gate'; gateId: string; verb: GateVerb; step?: ActionStep }
  | { target: 'run'; runId: string; verb: RunVerb; step?: ActionStep }
  | { target: 'block'; runId: string; blockId: string; verb: BlockVerb; step?: ActionStep }
  | { target: 'bulk'; bulkId: string; verb: BulkVerb; step?: ActionStep };

export const MAX_ACTION_ID_LENGTH = 100;
const ID_SEGMENT = /^[A-Za-z0-9_.-]{1,64}$/;

const segment = z.string().regex(ID_SEGMENT, 'ids are 1-64 letters, digits, ".", "_" or "-"');
const step = z.enum(ACTION_STEPS).optional();

const gateTuple = z.tuple([z.literal('gate'), segment, z.enum(GATE_VERBS), step]);
const runTuple = z.tuple([z.literal('run'), segment, z.enum(RUN_VERBS), step]);
const blockTuple = z.tuple([z.literal('block'), segment, segment, z.enum(BLOCK_VERBS), step]);
const bulkTuple = z.tuple([z.literal('bulk'), segment, z.enum(BULK_VERBS), step]);

function checkSegment(what: string, value: string): string {
  // A programming error, not user input: ids come from our own database.
  if (!ID_SEGMENT.test(value)) throw new Error(`${what} "${value}" cannot be used in an action id`);
  return value;
}

function withStep(base: string, s?: ActionStep): string {
  const id = s ? `${base}:${s}` : base;
  // Discord refuses longer custom_ids; a template with very long block ids must be fixed, not cut.
  if (id.length > MAX_ACTION_ID_LENGTH) throw new Error(`action id "${id}" is longer than ${MAX_ACTION_ID_LENGTH} characters`);
  return id;
}

/** "gate:<gateId>:<verb>", or with a step "gate:<gateId>:approve:confirm". */
export function gateActionId(gateId: string, verb: GateVerb, s?: ActionStep): string {
  return withStep(`gate:${checkSegment('gate id', gateId)}:${verb}`, s);
}

/** "run:<runId>:<verb>", e.g. "run:<id>:cancel:confirm". */
export function runActionId(runId: string, verb: RunVerb, s?: ActionStep): string {
  return withStep(`run:${checkSegment('run id', runId)}:${verb}`, s);
}

/** "block:<runId>:<blockId>:<verb>", e.g. "block:<run>:gap-analyzer:retry". */
export function blockActionId(runId: string, blockId: string, verb: BlockVerb, s?: ActionStep): string {
  return withStep(`block:${checkSegment('run id', runId)}:${checkSegment('block id', blockId)}:${verb}`, s);
}

/** "bulk:<id>:approve:confirm": the Confirm button of a bulk approval. */
export function bulkActionId(bulkId: string, verb: BulkVerb, s?: ActionStep): string {
  return withStep(`bulk:${checkSegment('bulk id', bulkId)}:${verb}`, s);
}

const optionalStep = (s: ActionStep | undefined): { step?: ActionStep } => (s ? { step: s } : {});

/**
 * Parses a button or modal id from a platform payload. Pure; reports instead of throwing, so a
 * stale or forged id becomes a polite "that button no longer works" rather than an exception.
 */
export function parseActionId(id: unknown): Result<ParsedAction> {
  if (typeof id !== 'string' || id.length === 0) return err('an action id is a non-empty string');
  if (id.length > MAX_ACTION_ID_LENGTH) return err(`action id is longer than ${MAX_ACTION_ID_LENGTH} characters`);
  const parts = id.split(':');
  switch (parts[0]) {
    case 'gate': {
      const r = gateTuple.safeParse(parts);
      if (!r.success) return err(describeFailure(id, r.error));
      const [, gateId, verb, s] = r.data;
      return ok({ target: 'gate', gateId, verb, ...optionalStep(s) });
    }
    case 'run': {
      const r = runTuple.safeParse(parts);
      if (!r.success) return err(describeFailure(id, r.error));
      const [, runId, verb, s] = r.data;
      return ok({ target: 'run', runId, verb, ...optionalStep(s) });
    }
    case 'block': {
      const r = blockTuple.safeParse(parts);
      if (!r.success) return err(describeFailure(id, r.error));
      const [, runId, blockId, verb, s] = r.data;
      return ok({ target: 'block', runId, blockId, verb, ...optionalStep(s) });
    }
    case 'bulk': {
      const r = bulkTuple.safeParse(parts);
      if (!r.success) return err(describeFailure(id, r.error));
      const [, bulkId, verb, s] = r.data;
      return ok({ target: 'bulk', bulkId, verb, ...optionalStep(s) });
    }
    default:
      return err(`"${id}" is not a gate, run, block or bulk action`);
  }
}

function describeFailure(id: string, error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? ` (part ${String(issue.path[0])})` : '';
  return `"${id}" is not a valid action id${where}: ${issue?.message ?? 'malformed'}`;
}
