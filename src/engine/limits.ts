/** Clarification rounds one block may ask for before it fails (the design's bounded clarification). */
export const MAX_CLARIFICATIONS = 3;
