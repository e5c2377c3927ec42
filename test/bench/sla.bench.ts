// Micro-benchmark: the pure SLA planner over one sweep's worth of due gates.
// The quiet-hours row is compared with the plain one: its extra cost is the Intl time-zone work.
import { planEscalation, resolvePolicy } from '../../src/engine/sla';
import type { ResolvedPolicy, SlaGate } from '../../src/engine/sla';
import type { SlaPolicy } from '../../src/schema/sla';
import { measure, summarize } from './lib/bench';
import type { BenchRow } from './lib/bench';

const GATES = 1_000;
const NOW = new Date('2025-06-03T14:05:00.000Z');
const MIN = 60_000;

function policyOf(layer: SlaPolicy | undefined): ResolvedPolicy {
  const result = resolvePolicy([layer]);
  if (!result.ok) throw new Error(`bench policy rejected: ${JSON.stringify(result.error)}`);
  return result.value;
}

/**
 * 1,000 gates that are all due now, as the sweep's `next_escalation_at <= now` query returns them:
 * opened 4h to 8h ago (so deadline catch-up and paging are in the mix), a third of them claimed,
 * a tenth snoozed, with the first two steps already fired.
 */
function buildDueGates(): Array<{ gate: SlaGate; fired: ReadonlySet<string> }> {
  return Array.from({ length: GATES }, (_, i) => {
    const openedAt = new Date(NOW.getTime() - 4 * 60 * MIN - (i % 240) * MIN);
    const gate: SlaGate = {
      id: `gate-${i}`,
      status: 'pending',
      openedAt,
      ...(i % 3 === 0 ? { claimedBy: 'alice', claimedAt: new Date(NOW.getTime() - 60 * MIN) } : {}),
      ...(i % 10 === 0 ? { snoozedUntil: new Date(NOW.getTime() + 30 * MIN) } : {}),
    };
    return { gate, fired: new Set(['0:0', '1:0']) };
  });
}

function sweep(policy: ResolvedPolicy, gates: ReturnType<typeof buildDueGates>): number {
  let due = 0;
  for (const { gate, fired } of gates) if (planEscalation({ gate, policy, fired, now: NOW }).due) due += 1;
  return due;
}

export default async function run(): Promise<BenchRow[]> {
  const gates = buildDueGates();
  const cases: Array<[string, ResolvedPolicy]> = [
    ['default ladder', policyOf(undefined)],
    ['default ladder + Berlin quiet hours', policyOf({ quiet_hours: { timezone: 'Europe/Berlin', hours: '09:00-18:00', days: [1, 2, 3, 4, 5] } })],
  ];
  const rows: BenchRow[] = [];
  const baseline = `sla.planEscalation × ${GATES} due gates (${cases[0]![0]})`;
  for (const [label, policy] of cases) {
    // A planner that found nothing due would be measuring the wrong thing.
    if (sweep(policy, gates) === 0) throw new Error(`bench setup: no gate is due (${label})`);
    const samples = await measure(() => sweep(policy, gates), { iterations: 30, warmup: 3 });
    const name = `sla.planEscalation × ${GATES} due gates (${label})`;
    rows.push(summarize(name, samples, name === baseline ? {} : { baseline }));
  }
  return rows;
}
