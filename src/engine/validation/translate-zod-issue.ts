import type { z } from 'zod';
import { RUNTIME_STATE_FIELDS } from '../../schema/block';
import { describePath, describeValue, type PathSubject } from './describe-path';
import type { PathSegment, ReportIssue } from './issues';
import { readAt } from './raw-template';
import { allowedKeysAt, fieldHoldingKey, nestedKeysAt } from './schema-keys';
import { didYouMean, suggestClosest } from './suggest';

type ZodIssue = z.core.$ZodIssue;

const RUNTIME_FIELDS: ReadonlySet<string> = new Set(RUNTIME_STATE_FIELDS);

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  record: 'an object',
  null: 'null',
};

/** Turns one zod issue into sentences a person can act on; unknown keys become one issue each. */
export function translateZodIssue(issue: ZodIssue, input: unknown, schema: z.ZodType, report: ReportIssue): void {
  const path = issue.path.filter((p): p is PathSegment => typeof p !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    for (const key of issue.keys) report([...path, key], unknownKeySentence(schema, path, key, describePath(input, path)));
    return;
  }
  report(path, sentenceFor(issue, path, input));
}

function unknownKeySentence(schema: z.ZodType, path: readonly PathSegment[], key: string, where: PathSubject): string {
  const isBlock = path.length === 2 && path[0] === 'blocks';
  if (isBlock && RUNTIME_FIELDS.has(key)) {
    return `${where.subject}: \`${key}\` is runtime state owned by the engine; templates must not set it.`;
  }
  const within = where.field === '' ? '' : ` in \`${where.field}\``;
  const allowed = allowedKeysAt(schema, path);
  const hint = didYouMean(key, allowed);
  if (hint) return `${where.subject}: unknown key \`${key}\`${within}${hint}`;
  const holder = fieldHoldingKey(schema, path, key);
  if (holder) return `${where.subject}: unknown key \`${key}\`${within}; \`${key}\` belongs inside \`${holder}\`.`;
  const nested = nestedKeysAt(schema, path);
  const closest = suggestClosest(key, nested.map((k) => k.slice(k.indexOf('.') + 1)));
  const full = closest === undefined ? undefined : nested.find((k) => k.endsWith(`.${closest}`));
  if (full) return `${where.subject}: unknown key \`${key}\`${within}; did you mean \`${full}\`?`;
  return `${where.subject}: unknown key \`${key}\`${within}; remove it or check its spelling.`;
}

function sentenceFor(issue: ZodIssue, path: readonly PathSegment[], input: unknown): string {
  const { subject, field } = describePath(input, path);
  const value = readAt(input, path);
  const name = field === '' ? '' : `\`${field}\``;
  const lead = name === '' ? subject : `${subject}: ${name}`;
  switch (issue.code) {
    case 'invalid_type': {
      if (path.length === 0) return 'A template must be a JSON object with `id`, `name` and `blocks`.';
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      if (value === undefined) return `${lead} is required (${expected}).`;
      return `${lead} must be ${expected}, not ${describeValue(value)}.`;
    }
    case 'invalid_value': {
      const allowed = issue.values.map((v) => JSON.stringify(v));
      if (value === undefined) return `${lead} is required: ${allowed.length === 1 ? allowed[0] : `one of ${allowed.join(', ')}`}.`;
      if (allowed.length === 1) return `${lead} must be ${allowed[0]}, not ${describeValue(value)}.`;
      return `${lead} must be one of ${allowed.join(', ')}; ${JSON.stringify(value)} is not one of them.`;
    }
    case 'invalid_format': {
      if (issue.format === 'url') return `${lead} must be a full URL such as "https://example.com/hook", not ${describeValue(value)}.`;
      if (isDefaultMessage(issue.message)) return `${lead} has the wrong format (${describeValue(value)}).`;
      return `${lead} is ${describeValue(value)}, but ${issue.message}.`;
    }
    case 'too_small':
      if (!isDefaultMessage(issue.message)) return `${lead}: ${issue.message}.`;
      if (issue.origin === 'string') return `${lead} must not be empty.`;
      if (issue.origin === 'array') return `${lead} needs at least ${String(issue.minimum)} item${Number(issue.minimum) === 1 ? '' : 's'}.`;
      return `${lead} must be ${issue.inclusive ? 'at least' : 'more than'} ${String(issue.minimum)}, not ${describeValue(value)}.`;
    case 'too_big':
      if (!isDefaultMessage(issue.message)) return `${lead}: ${issue.message}.`;
      return `${lead} must be ${issue.inclusive ? 'at most' : 'less than'} ${String(issue.maximum)}, not ${describeValue(value)}.`;
    case 'invalid_key': {
      const inner = issue.issues.map((i) => i.message).join('; ');
      return `${subject}: the key ${JSON.stringify(path[path.length - 1])} in \`${field.replace(/\.[^.]*$/, '')}\` is not allowed: ${inner}.`;
    }
    case 'invalid_union': {
      const expected = [...new Set(issue.errors.flat().flatMap((i) => (i.code === 'invalid_type' ? [TYPE_NAMES[i.expected] ?? i.expected] : [])))];
      if (expected.length > 0) return `${lead} must be ${expected.join(' or ')}, not ${describeValue(value)}.`;
      return `${lead} has an unusable value (${describeValue(value)}).`;
    }
    default:
      return `${lead}: ${issue.message.replace(/\.$/, '')}.`;
  }
}

/** zod's built-in messages ("Invalid input: ...", "Too small: ...") are replaced by ours; custom ones are kept. */
function isDefaultMessage(message: string): boolean {
  return /^(Invalid|Too (small|big)|Unrecognized)/.test(message);
}
