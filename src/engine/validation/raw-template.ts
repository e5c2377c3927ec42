import type { PathSegment } from './issues';

/** A JSON object as read from a file, before validation. */
export type RawObject = Record<string, unknown>;

export function isObject(value: unknown): value is RawObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A block of the raw JSON, with whatever could be read of it. */
export interface RawBlock {
  index: number;
  value: RawObject;
  /** The id when it is a non-empty string. */
  id: string | undefined;
}

export function rawBlocksOf(input: unknown): RawBlock[] {
  const blocks = isObject(input) && Array.isArray(input.blocks) ? input.blocks : [];
  const out: RawBlock[] = [];
  blocks.forEach((value: unknown, index) => {
    if (!isObject(value)) return;
    out.push({ index, value: flattenGroups(value), id: typeof value.id === 'string' && value.id !== '' ? value.id : undefined });
  });
  return out;
}

/**
 * A nested (Block v2) block as the checks read it: the fields of `execution` and `lifecycle` at
 * the top, as in the engine's Block. Paths the checks report are put back by reportingNestedPaths.
 */
function flattenGroups(value: RawObject): RawObject {
  if (!isObject(value.execution) && !isObject(value.lifecycle)) return value;
  const { execution, lifecycle, ...rest } = value;
  return { ...rest, ...(isObject(execution) ? execution : {}), ...(isObject(lifecycle) ? lifecycle : {}) };
}

/** Reads a nested value, or undefined when any step is missing or of the wrong kind. */
export function readAt(value: unknown, path: readonly PathSegment[]): unknown {
  let at = value;
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!Array.isArray(at)) return undefined;
      at = at[segment];
    } else {
      if (!isObject(at)) return undefined;
      at = at[segment];
    }
  }
  return at;
}

/** An array at `path`, or an empty one. */
export function arrayAt(value: unknown, path: readonly PathSegment[]): unknown[] {
  const found = readAt(value, path);
  return Array.isArray(found) ? found : [];
}

/** "Block `deep-research`", or "The block at blocks[3]" when its id is unreadable. */
export function blockLabel(block: Pick<RawBlock, 'id' | 'index'>, casing: 'upper' | 'lower' = 'upper'): string {
  const label = block.id === undefined ? `The block at blocks[${block.index}]` : `Block \`${block.id}\``;
  return casing === 'upper' ? label : label[0]!.toLowerCase() + label.slice(1);
}

/** Output keys (artifacts and metrics) a raw block declares, in order. */
export function declaredOutputs(block: RawObject): { artifacts: string[]; metrics: string[] } {
  const keysOf = (list: unknown[]) => list.flatMap((item) => (isObject(item) && typeof item.key === 'string' ? [item.key] : []));
  return { artifacts: keysOf(arrayAt(block, ['outputs', 'artifacts'])), metrics: keysOf(arrayAt(block, ['outputs', 'metrics'])) };
}

/** `a`, `b` and `c` */
export function listCode(items: readonly string[]): string {
  const quoted = items.map((i) => `\`${i}\``);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}
