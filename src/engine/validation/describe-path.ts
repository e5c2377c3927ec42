import type { PathSegment } from './issues';
import { readAt } from './raw-template';

/** Who a path belongs to, and the field inside it, for sentences like "Block `a`: `timeout` ...". */
export interface PathSubject {
  /** "Block `a`", "The block at blocks[3]" or "The template". */
  subject: string;
  /** The field relative to the subject, e.g. `inputs.depends[0].key`; "" for the subject itself. */
  field: string;
}

export function describePath(input: unknown, path: readonly PathSegment[]): PathSubject {
  if (path[0] === 'blocks' && typeof path[1] === 'number') {
    const id = readAt(input, ['blocks', path[1], 'id']);
    const subject = typeof id === 'string' && id !== '' ? `Block \`${id}\`` : `The block at blocks[${path[1]}]`;
    return { subject, field: fieldPath(path.slice(2)) };
  }
  return { subject: 'The template', field: fieldPath(path) };
}

/** `inputs.depends[0].key` */
export function fieldPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

/** A raw value as a person would name it: text "abc", the number 5, a list, an object, null. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return `text ${JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value === 'number' ? 'the number' : ''} ${String(value)}`.trim();
  if (Array.isArray(value)) return 'a list';
  return 'an object';
}
