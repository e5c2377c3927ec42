/**
 * A small deterministic PRNG for rehearsals: the same seed text always yields the same sequence,
 * so a simulated run can be replayed exactly (tests, demos, "what would this template do").
 */

/** 32-bit FNV-1a hash of a string, mixed so that similar seeds diverge quickly. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // Final avalanche (from murmur3's fmix32): FNV alone leaves low bits correlated for short keys.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32: returns a function yielding floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A PRNG seeded from any number of parts, e.g. (job.seed, block.id, attempt). */
export function seededRandom(...parts: Array<string | number>): () => number {
  return mulberry32(hashString(parts.join('\u241f')));
}
