/** Lifecycle of one block within one run. */
export const BLOCK_STATUSES = [
  'pending', // waiting for its dependencies
  'ready', // may be claimed by a runner
  'running', // claimed under a lease; an executor works on it
  'waiting', // waiting on a gate (before, after or clarification)
  'done',
  'failed',
  'blocked', // a dependency failed; comes back if that dependency is retried
  'skipped', // will never run (a before-gate was rejected upstream)
  'cancelled',
] as const;
export type BlockStatus = (typeof BLOCK_STATUSES)[number];

export const TERMINAL_BLOCK_STATUSES: ReadonlySet<BlockStatus> = new Set(['done', 'failed', 'skipped', 'cancelled']);

export const GATE_STATUSES = ['pending', 'approved', 'rejected', 'expired', 'cancelled'] as const;
export type GateStatus = (typeof GATE_STATUSES)[number];

/** Where a gate sits relative to its block. */
export const GATE_POSITIONS = ['before', 'after'] as const;
export type GatePosition = (typeof GATE_POSITIONS)[number];

/**
 * approval: "may this go on?"; clarification: the agent's question; task: a person does the block
 * (runtime manual); budget: the run or block would pass its spending limit, may it go on?
 */
export const GATE_KINDS = ['approval', 'clarification', 'task', 'budget'] as const;
export type GateKind = (typeof GATE_KINDS)[number];

export const RUN_STATUSES = ['running', 'completed', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Per-run autonomy dial for one gate: wait for a person, run on with an FYI card, or run on silently. */
export const AUTONOMY_LEVELS = ['gate', 'guided', 'auto'] as const;
export type Autonomy = (typeof AUTONOMY_LEVELS)[number];

export const ROLES = ['owner', 'admin', 'operator', 'reviewer', 'viewer', 'agent'] as const;
export type Role = (typeof ROLES)[number];

/** `api`: a REST client with an API token; `mcp`: an MCP client with one. */
export const PLATFORMS = ['discord', 'slack', 'console', 'http', 'api', 'mcp', 'system'] as const;
export type Platform = (typeof PLATFORMS)[number];
