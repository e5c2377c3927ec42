import { CronExpressionParser } from 'cron-parser';
import type { PathSegment, ReportIssue } from './issues';
import { blockLabel, isObject, type RawBlock } from './raw-template';

/** Parsing is anchored to a fixed instant: validity does not depend on the clock. */
const ANCHOR = new Date(0);

/** A cron starts whole runs (or polls a stream): firing more often than this is refused. */
export const MIN_CRON_INTERVAL_MS = 5 * 60_000;

/** How many fire times the interval check looks at: enough for lists and ranges, cheap enough to run often. */
const SAMPLES = 10;

/**
 * Why a cron expression is unusable, or null when it is fine. cron-parser accepts too little as
 * well as too much (an empty string, four fields), so the field count is checked first.
 */
export function explainCron(expression: string): string | null {
  const fields = expression.trim().split(/\s+/).filter(Boolean);
  if (fields.length < 5 || fields.length > 6) {
    return `it has ${fields.length} field${fields.length === 1 ? '' : 's'}; write five (minute hour day-of-month month day-of-week), or six with seconds first`;
  }
  try {
    const gap = shortestGap(expression);
    if (gap < MIN_CRON_INTERVAL_MS) {
      return `it fires ${formatGap(gap)} apart, more often than the minimum of every 5 minutes; write one such as "*/5 * * * *" or "0 * * * *"`;
    }
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The shortest time between two consecutive fire times, over the first SAMPLES fires in UTC. */
function shortestGap(expression: string): number {
  const cron = CronExpressionParser.parse(expression, { currentDate: ANCHOR, tz: 'UTC' });
  let previous = cron.next().getTime();
  let shortest = Infinity;
  for (let i = 1; i < SAMPLES && cron.hasNext(); i++) {
    const at = cron.next().getTime();
    shortest = Math.min(shortest, at - previous);
    previous = at;
  }
  return shortest;
}

function formatGap(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} second${ms === 1000 ? '' : 's'}`;
  const minutes = Math.round(ms / 60_000);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** Block triggers and the template trigger: a cron trigger needs an expression, and it must parse. */
export function checkCron(input: unknown, blocks: readonly RawBlock[], report: ReportIssue): void {
  for (const block of blocks) {
    const trigger = block.value.trigger;
    if (!isObject(trigger)) continue;
    const label = blockLabel(block);
    if (trigger.type === 'cron' && trigger.cron === undefined) {
      report(['blocks', block.index, 'trigger'], `${label} has trigger type "cron" but no \`cron\` expression; add one such as "0 6 * * *".`);
    }
    checkExpression(trigger.cron, ['blocks', block.index, 'trigger', 'cron'], label, report);
  }
  if (isObject(input) && isObject(input.trigger)) checkExpression(input.trigger.cron, ['trigger', 'cron'], 'The template trigger', report);
}

function checkExpression(cron: unknown, path: readonly PathSegment[], label: string, report: ReportIssue): void {
  if (typeof cron !== 'string') return;
  const why = explainCron(cron);
  if (why !== null) report(path, `${label} has an invalid cron expression "${cron}": ${why}. A valid one looks like "0 6 * * *" (every day at 06:00).`);
}
