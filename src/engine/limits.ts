/** Clarification rounds one block may ask for before it fails (the design's bounded clarification). */
export const MAX_CLARIFICATIONS = 3;

/** Clarifications in a row (no attempt finished otherwise in between) before the next one escalates. */
export const MAX_CLARIFICATION_HOPS = 2;

/**
 * Repair rounds of a block with `repair` when it sets no `max_rounds`: the pipeline design's
 * bounded quality loop ("found -> fixing", default 8). The budget, when set, stops it earlier.
 */
export const DEFAULT_REPAIR_ROUNDS = 8;
