/**
 * The event catalog: what the factory tells programs (SSE clients, webhooks, MCP subscribers)
 * happened. Every event comes from an audit entry written in the same transaction, so the log
 * holds exactly the changes that committed. Payload on the wire: `{ id, type, timestamp, data }`.
 */
export const EVENT_TYPES = [
  'run.created',
  'run.completed',
  'run.failed',
  'run.cancelled',
  'block.started',
  'block.completed',
  'block.failed',
  'block.retrying',
  'block.rework',
  'block.skipped',
  'block.blocked',
  'block.unblocked',
  'gate.pending',
  'gate.claimed',
  'gate.decided',
  'gate.escalated',
  'sla.warning',
  'sla.breached',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** One event as stored and sent. `id` is a decimal string, increasing in commit order. */
export interface FactoryEvent {
  id: string;
  type: EventType;
  at: Date;
  runId: string | null;
  gateId: string | null;
  data: Record<string, unknown>;
}

/** The wire form (SSE `data:`, webhook body). */
export function eventPayload(event: FactoryEvent): { id: string; type: EventType; timestamp: string; data: Record<string, unknown> } {
  return { id: event.id, type: event.type, timestamp: event.at.toISOString(), data: event.data };
}

/** A filter pattern is an exact type, a family ("gate.*") or everything ("*"). */
export function isEventPattern(pattern: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return EVENT_TYPES.some((t) => t.startsWith(pattern.slice(0, -1)));
  return (EVENT_TYPES as readonly string[]).includes(pattern);
}

/** True when `type` matches one of `patterns` (no patterns: everything). */
export function matchesEventPatterns(patterns: readonly string[], type: string): boolean {
  if (patterns.length === 0) return true;
  return patterns.some((p) => p === '*' || p === type || (p.endsWith('.*') && type.startsWith(p.slice(0, -1))));
}

/** The exact types a list of patterns covers, for SQL filters. */
export function expandEventPatterns(patterns: readonly string[]): EventType[] {
  return EVENT_TYPES.filter((t) => matchesEventPatterns(patterns, t));
}
