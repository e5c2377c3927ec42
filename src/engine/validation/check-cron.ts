import { CronExpressionParser } from 'cron-parser';
import type { PathSegment, ReportIssue } from './issues';
import { blockLabel, isObject, type RawBlock } from './raw-template';

/** Parsing is anchored to a fixed instant: validity does not depend on the clock. */
const ANCHOR = new Date(0);

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
    CronExpressionParser.parse(expression, { currentDate: ANCHOR });
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
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
