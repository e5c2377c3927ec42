import type { ReportIssue } from './issues';
import { arrayAt, blockLabel, declaredOutputs, isObject, listCode, type RawBlock } from './raw-template';
import { didYouMean } from './suggest';

/** The first block of each id; later duplicates are reported by `checkDuplicateIds`. */
export function firstBlockById(blocks: readonly RawBlock[]): Map<string, RawBlock> {
  const byId = new Map<string, RawBlock>();
  for (const block of blocks) if (block.id !== undefined && !byId.has(block.id)) byId.set(block.id, block);
  return byId;
}

/** Block ids must be unique; the message names both positions. */
export function checkDuplicateIds(blocks: readonly RawBlock[], report: ReportIssue): void {
  const first = new Map<string, number>();
  for (const block of blocks) {
    if (block.id === undefined) continue;
    const earlier = first.get(block.id);
    if (earlier === undefined) first.set(block.id, block.index);
    else report(['blocks', block.index, 'id'], `Block id \`${block.id}\` is used by both blocks[${earlier}] and blocks[${block.index}]; block ids must be unique, so rename one of them.`);
  }
}

/**
 * Every dependency names another block of the template and an output key that block declares
 * (an artifact or a metric). Also: a block in a parallel group must not depend on a block of the
 * same group, because the group's blocks are meant to run side by side.
 */
export function checkDependencies(blocks: readonly RawBlock[], report: ReportIssue): void {
  const byId = firstBlockById(blocks);
  const ids = [...byId.keys()];
  for (const block of blocks) {
    const label = blockLabel(block);
    arrayAt(block.value, ['inputs', 'depends']).forEach((dep, k) => {
      if (!isObject(dep) || typeof dep.block !== 'string') return;
      const at = ['blocks', block.index, 'inputs', 'depends', k] as const;
      if (dep.block === block.id) {
        report([...at, 'block'], `${label} depends on itself; a block cannot read its own output, so remove this dependency.`);
        return;
      }
      const target = byId.get(dep.block);
      if (!target) {
        report([...at, 'block'], `${label} depends on \`${dep.block}\`, which is not a block in this template${didYouMean(dep.block, ids)}`);
        return;
      }
      if (typeof dep.key === 'string') checkOutputKey(label, dep.key, target, [...at, 'key'], report);
      const group = block.value.parallel_group;
      if (typeof group === 'string' && target.value.parallel_group === group) {
        report(
          [...at, 'block'],
          `Blocks \`${target.id}\` and \`${block.id}\` are both in parallel group \`${group}\`, but \`${block.id}\` depends on \`${target.id}\`; blocks of a parallel group run side by side, so move one of them to another group or drop the dependency.`,
        );
      }
    });
  }
}

function checkOutputKey(label: string, key: string, target: RawBlock, path: readonly (string | number)[], report: ReportIssue): void {
  const { artifacts, metrics } = declaredOutputs(target.value);
  const declared = [...artifacts, ...metrics];
  if (declared.includes(key)) return;
  const has = declared.length === 0 ? 'it declares no outputs' : `it declares ${listCode(declared)}`;
  const hint = didYouMean(key, declared);
  report(path, `${label} reads \`${key}\` from \`${target.id}\`, but \`${target.id}\` declares no output \`${key}\`; ${has}${hint || '.'}`);
}
