import type { Card, CardSection } from '../domain/card';
import type { BlockerView } from '../domain/views';
import { buildGateUrl, buildRunUrl, type CardContext } from './card-context';
import { describeEscalation } from './escalation-wording';
import { computeSlaLeftMs, describeAge, liveClock, liveDue } from './relative-time';
import { PRIORITY_RANK, PRIORITY_SYMBOLS } from './status-symbols';
import { listNames, truncateText } from './text-format';

/** Blockers listed on one card; the rest are counted in the footer. */
export const MAX_BLOCKERS_LISTED = 10;

/** "SLA breached", "Unclaimed for 4h 20m", "Failed: <error>". */
export function describeBlockerReason(blocker: BlockerView, now: Date): string {
  switch (blocker.reason) {
    case 'sla-breached':
      return 'SLA breached';
    case 'unclaimed':
      return `Unclaimed for ${describeAge(blocker.since, now)}`;
    case 'unassigned':
      return 'Nobody is assigned to decide';
    case 'awaiting-decision':
      return 'Awaiting decision';
    case 'failed':
      return blocker.error ? `Failed: ${truncateText(blocker.error, 200)}` : 'Failed';
  }
}

const isBreached = (b: BlockerView, now: Date): boolean => {
  const left = computeSlaLeftMs(b.deadlineAt, now);
  return b.reason === 'sla-breached' || (left !== null && left <= 0);
};

/**
 * Most urgent first: breached SLAs, then by priority, then the least SLA left (none last), then
 * the longest stuck. Pure and stable; returns a new array.
 */
export function sortBlockersByUrgency(blockers: readonly BlockerView[], now: Date): BlockerView[] {
  const left = (b: BlockerView): number => computeSlaLeftMs(b.deadlineAt, now) ?? Number.POSITIVE_INFINITY;
  return [...blockers].sort(
    (a, b) =>
      Number(isBreached(b, now)) - Number(isBreached(a, now)) ||
      PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
      (left(a) === left(b) ? 0 : left(a) < left(b) ? -1 : 1) ||
      a.since.getTime() - b.since.getTime(),
  );
}

function buildBlockerSection(b: BlockerView, ctx: CardContext): CardSection {
  const { now } = ctx;
  const facts = [`**${describeBlockerReason(b, now)}**`, `stuck since ${liveClock(b.since, now)}`];
  if (b.deadlineAt) facts.push(liveDue(b.deadlineAt, now));
  if (b.escalationLevel > 0) facts.push(`escalation ${describeEscalation(b.escalationLevel)}`);
  const lines = [facts.join(' · ')];
  const who = b.mustAct.length > 0 ? listNames(b.mustAct, 3) : 'nobody assigned';
  lines.push(`Must act: ${who}${b.claimedBy ? ` (claimed by ${b.claimedBy.name})` : ''}`);
  if (b.waitingBlocks.length > 0) lines.push(`Waiting downstream: ${listNames(b.waitingBlocks, 4)}`);
  const url = b.gateId ? buildGateUrl(ctx, b.runId, b.gateId) : buildRunUrl(ctx, b.runId);
  const section: CardSection = {
    title: `${PRIORITY_SYMBOLS[b.priority]} ${b.blockName} (${b.runName})`,
    text: lines.join('\n'),
  };
  return url ? { ...section, moreUrl: url } : section;
}

/** What is stuck and why, most urgent first; "Nothing is stuck" when the list is empty. */
export function buildBlockersCard(blockers: readonly BlockerView[], ctx: CardContext): Card {
  if (blockers.length === 0) {
    return { kind: 'blockers', title: 'Nothing is stuck', summary: 'Nothing is stuck', tone: 'success', description: 'No open gate or failed block is holding up a run.', timestamp: ctx.now };
  }
  const sorted = sortBlockersByUrgency(blockers, ctx.now);
  const shown = sorted.slice(0, MAX_BLOCKERS_LISTED);
  const hidden = sorted.length - shown.length;
  const breached = sorted.filter((b) => isBreached(b, ctx.now) || b.kind === 'failed-block').length;
  const first = sorted[0]!;
  return {
    kind: 'blockers',
    title: `Blockers (${sorted.length})`,
    summary: `${sorted.length} stuck; most urgent: ${first.blockName} (${first.runName}), ${describeBlockerReason(first, ctx.now)}`,
    tone: breached > 0 ? 'danger' : 'warning',
    sections: shown.map((b) => buildBlockerSection(b, ctx)),
    ...(hidden > 0 ? { footer: `+${hidden} more not shown` } : {}),
    timestamp: ctx.now,
  };
}
