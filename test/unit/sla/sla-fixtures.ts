// Shared helpers for the SLA tests: real policies through the real schema, and a simulated sweep.
import { slaPolicySchema } from '../../../src/schema/sla';
import type { SlaPolicy } from '../../../src/schema/sla';
import { planEscalation, resolvePolicy } from '../../../src/engine/sla';
import type { DeadlineAction, DueStep, ResolvedPolicy, SlaGate } from '../../../src/engine/sla';

/** Parses policy layers as a template author writes them ("30m", "4h") and resolves them. */
export function policyOf(...layers: unknown[]): ResolvedPolicy {
  const parsed = layers.map((l) => (l === undefined ? undefined : slaPolicySchema.parse(l)));
  const result = resolvePolicy(parsed as Array<SlaPolicy | undefined>);
  if (!result.ok) throw new Error(`policy rejected: ${JSON.stringify(result.error)}`);
  return result.value;
}

export const MIN = 60_000;
export const HOUR = 60 * MIN;

export function at(iso: string): Date {
  return new Date(iso);
}

export function pendingGate(openedAt: Date, extra: Partial<SlaGate> = {}): SlaGate {
  return { id: 'gate-1', openedAt, status: 'pending', ...extra };
}

export interface SentMessage {
  at: string;
  key: string;
  action: DueStep['action'];
  audience: DueStep['audience'];
  collapsed: readonly string[];
}

export interface WalkResult {
  messages: SentMessage[];
  deadlineActions: Array<{ at: string; action: DeadlineAction }>;
  claimLapsedAt: string[];
  fired: Set<string>;
  /** Every key recorded, in order, duplicates kept (a correct planner never yields one twice). */
  recorded: string[];
  lastNextAt: Date | null;
}

export interface WalkOptions {
  gate: SlaGate;
  policy: ResolvedPolicy;
  from: Date;
  to: Date;
  stepMs: number;
  /** Changes to the gate at given instants (a claim, a snooze), applied before the tick at that instant. */
  events?: Array<{ at: Date; apply: (gate: SlaGate) => SlaGate }>;
  fired?: Iterable<string>;
}

/**
 * A sweep, simulated: ticks the clock from `from` to `to`, calls the planner at every tick, records
 * what it sends exactly as the escalation sweep does (every key in `keysToRecord`), and clears a
 * lapsed claim.
 */
export function walkGate(opts: WalkOptions): WalkResult {
  const fired = new Set<string>(opts.fired ?? []);
  const events = [...(opts.events ?? [])].sort((a, b) => a.at.getTime() - b.at.getTime());
  const result: WalkResult = { messages: [], deadlineActions: [], claimLapsedAt: [], fired, recorded: [], lastNextAt: null };
  let gate = opts.gate;
  for (let t = opts.from.getTime(); t <= opts.to.getTime(); t += opts.stepMs) {
    while (events.length > 0 && events[0]!.at.getTime() <= t) gate = events.shift()!.apply(gate);
    const now = new Date(t);
    const plan = planEscalation({ gate, policy: opts.policy, fired, now });
    const iso = now.toISOString();
    if (plan.due) {
      const { key, action, audience, collapsed } = plan.due;
      result.messages.push({ at: iso, key, action, audience, collapsed });
    }
    if (plan.deadlineAction) result.deadlineActions.push({ at: iso, action: plan.deadlineAction });
    if (plan.claimLapsed) {
      result.claimLapsedAt.push(iso);
      gate = { ...gate, claimedBy: null, claimedAt: null };
    }
    for (const key of plan.keysToRecord) fired.add(key);
    result.recorded.push(...plan.keysToRecord);
    result.lastNextAt = plan.nextAt;
  }
  return result;
}

/** "HH:MM key action" lines: compact and readable in a failing assertion. */
export function timeline(messages: SentMessage[]): string[] {
  return messages.map((m) => `${m.at} ${m.key} ${m.action} ${m.audience}${m.collapsed.length ? ` +[${m.collapsed.join(',')}]` : ''}`);
}
