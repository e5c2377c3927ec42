import type { BlockView } from '../domain/views';

/** Blocks of one layer, in the order the view lists them. */
export interface LayerGroup {
  layer: string;
  blocks: BlockView[];
}

const NO_LAYER = '—';
const FINISHED = new Set<BlockView['status']>(['done', 'skipped']);

function layerOrder(layer: string): number {
  const m = /^L(\d+(?:\.\d+)?)$/i.exec(layer);
  return m ? Number(m[1]) : Number.POSITIVE_INFINITY;
}

/**
 * Groups blocks by layer, ordered as the layers read ("L0" < "L0.25" < "L1" < "L10"); layers that
 * are not "L<number>" follow in order of first appearance, blocks without a layer last.
 */
export function groupBlocksByLayer(blocks: readonly BlockView[]): LayerGroup[] {
  const groups = new Map<string, BlockView[]>();
  for (const b of blocks) {
    const key = b.layer ?? NO_LAYER;
    const list = groups.get(key) ?? [];
    list.push(b);
    groups.set(key, list);
  }
  const entries = [...groups.entries()].map(([layer, list], index) => ({ layer, blocks: list, index }));
  entries.sort((a, b) => {
    if (a.layer === NO_LAYER || b.layer === NO_LAYER) return a.layer === NO_LAYER ? 1 : b.layer === NO_LAYER ? -1 : 0;
    return layerOrder(a.layer) - layerOrder(b.layer) || a.index - b.index;
  });
  return entries.map(({ layer, blocks: list }) => ({ layer, blocks: list }));
}

/** Blocks that will not run again: done or skipped. */
export function countFinished(blocks: readonly BlockView[]): number {
  return blocks.filter((b) => FINISHED.has(b.status)).length;
}

/** "▰▰▰▱▱": one cell per block up to `maxCells`, scaled beyond. */
export function renderProgressBar(done: number, total: number, maxCells = 10): string {
  if (total <= 0) return '';
  const cells = Math.min(total, maxCells);
  const filled = Math.min(cells, Math.round((done / total) * cells));
  return '▰'.repeat(filled) + '▱'.repeat(cells - filled);
}

/** "L2 ▰▰▰▱▱ 3/5". */
export function describeLayerProgress(group: LayerGroup): string {
  const done = countFinished(group.blocks);
  return `${group.layer} ${renderProgressBar(done, group.blocks.length)} ${done}/${group.blocks.length}`;
}
