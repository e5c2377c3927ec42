import { flatFieldsOf, GROUP_OF, isNestedBlock, toNestedBlock } from '../../schema/block-v2';
import type { PathSegment, ReportIssue } from './issues';
import { blockLabel, isObject, type RawBlock } from './raw-template';

/**
 * How a template's blocks are written. One form per file: `nested` (Block v2, canonical) when any
 * block uses an `execution` or `lifecycle` group, or when no block sets a grouped field at all;
 * `flat` (deprecated) when blocks set grouped fields at their top level and none uses a group.
 */
export type BlockForm = 'nested' | 'flat';

export function blockFormOf(input: unknown): BlockForm {
  const blocks = isObject(input) && Array.isArray(input.blocks) ? input.blocks.filter(isObject) : [];
  if (blocks.some(isNestedBlock)) return 'nested';
  return blocks.some((b) => flatFieldsOf(b).length > 0) ? 'flat' : 'nested';
}

/**
 * The cross-block checks read a nested block flattened (see rawBlocksOf) and report flat paths;
 * this puts the group back, so `$.blocks[3].threshold.metric` reads `$.blocks[3].execution.threshold.metric`.
 */
export function reportingNestedPaths(report: ReportIssue): ReportIssue {
  return (path, message) => report(nestedPath(path), message);
}

function nestedPath(path: readonly PathSegment[]): readonly PathSegment[] {
  const [root, index, field] = path;
  const group = typeof field === 'string' ? GROUP_OF.get(field) : undefined;
  if (root !== 'blocks' || typeof index !== 'number' || group === undefined) return path;
  return [root, index, group, ...path.slice(2)];
}

/** One deprecation warning per flat block, showing the groups to write with the block's own values. */
export function warnFlatBlocks(blocks: readonly RawBlock[], warn: ReportIssue): void {
  for (const block of blocks) {
    const fields = flatFieldsOf(block.value);
    if (fields.length === 0) continue;
    const nested = toNestedBlock(block.value);
    const groups = (['execution', 'lifecycle'] as const)
      .filter((g) => isObject(nested[g]))
      .map((g) => `"${g}": { ${Object.entries(nested[g] as Record<string, unknown>).map(([k, v]) => `"${k}": ${shortJson(v)}`).join(', ')} }`);
    warn(
      ['blocks', block.index],
      `${blockLabel(block)} is written in the flat form, which is deprecated; it loads as written, but write ${groups.join(' and ')} instead of those fields at the top of the block (Block v2, see templates/README.md).`,
    );
  }
}

function shortJson(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
