/** One bad template derived from a good one, and what its refusal must point at. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Mutant {
  /** The family, for the counts the test prints: "wrong type", "unknown key", "bad duration" ... */
  kind: string;
  /** A readable description, shown when a mutant is wrongly accepted. */
  what: string;
  /**
   * A JSON path some issue must lie on (equal to, inside, or a parent of), e.g.
   * `$.blocks[3].timeout`; omitted when the problem may be reported elsewhere (a cycle).
   */
  expectPath?: string;
  /** Changes a deep copy of the template in place. */
  edit: (template: Json) => void;
}
