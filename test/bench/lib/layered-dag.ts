import type { BlockState, GateState } from '../../../src/domain/run';
import type { RunSnapshot } from '../../../src/engine/types';
import type { BlockInput } from '../../../src/schema/block';
import { templateSchema, type Template } from '../../../src/schema/template';

/** A small seeded PRNG (mulberry32): the same graph for the same seed, on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * A random layered DAG of `size` blocks: layers of ~`width` blocks, each block after the first
 * layer reading from 1–3 blocks of the previous two layers. Every tenth block has an after-gate,
 * every fifteenth a before-gate. Parsed by the real schema, so defaults match production.
 */
export function layeredTemplate(size: number, seed = 42, width = 50): Template {
  const random = seededRandom(seed);
  const blocks: BlockInput[] = [];
  for (let i = 0; i < size; i++) {
    const layer = Math.floor(i / width);
    const candidates = layer === 0 ? 0 : Math.min(2, layer) * width;
    const picks = new Set<number>();
    const wanted = layer === 0 ? 0 : 1 + Math.floor(random() * 3);
    while (picks.size < wanted) picks.add(layer * width - 1 - Math.floor(random() * candidates));
    blocks.push({
      id: `b${i}`,
      name: `Block ${i}`,
      type: 'build',
      runtime: 'simulate',
      inputs: { depends: [...picks].map((p) => ({ block: `b${p}`, key: 'out' })) },
      outputs: { artifacts: [{ key: 'out', format: 'md' }] },
      human_gate: i % 10 === 0 ? 'after' : i % 15 === 0 ? 'before' : 'none',
    });
  }
  return templateSchema.parse({ id: `bench-${size}`, name: `Bench ${size}`, blocks });
}

/**
 * A run in the middle of its life: the first 40% of layers done, the next layer busy (running,
 * finished with an outcome, waiting on pending or decided gates, ready), the rest pending.
 */
export function midRunSnapshot(template: Template, width = 50): RunSnapshot {
  const layers = Math.ceil(template.blocks.length / width);
  const busyLayer = Math.floor(layers * 0.4);
  const blocks: BlockState[] = [];
  const gates: GateState[] = [];
  template.blocks.forEach((block, i) => {
    const layer = Math.floor(i / width);
    const base: BlockState = { blockId: block.id, status: 'pending', attempts: 0, retries: 0, reworks: 0, clarifications: 0, outcome: null };
    if (layer < busyLayer) blocks.push({ ...base, status: 'done', attempts: 1 });
    else if (layer > busyLayer) blocks.push(base);
    else {
      const kind = i % 5;
      if (kind === 0) blocks.push({ ...base, status: 'running', attempts: 1 });
      else if (kind === 1) blocks.push({ ...base, status: 'running', attempts: 1, outcome: { kind: 'complete', metrics: { score: 0.9 } } });
      else if (kind === 2) {
        blocks.push({ ...base, status: 'waiting', attempts: 1 });
        gates.push({ id: `gate-${i}`, blockId: block.id, position: 'after', kind: 'approval', status: i % 2 ? 'approved' : 'pending', attempt: 1, settled: false });
      } else if (kind === 3) blocks.push({ ...base, status: 'ready', attempts: 1 });
      else blocks.push({ ...base, status: 'done', attempts: 1 });
    }
  });
  return { template, params: {}, autonomy: {}, status: 'running', blocks, gates };
}
