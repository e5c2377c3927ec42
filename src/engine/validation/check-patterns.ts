import type { ReportIssue } from './issues';
import { blockLabel, isObject, type RawBlock } from './raw-template';

/** Block trigger types that nothing fires yet: such a block waits on its dependencies like any other. */
const UNFIRED_TRIGGERS: ReadonlySet<unknown> = new Set(['cron', 'webhook', 'event']);

const RUNS_AS_PLAIN = 'so the block runs once per run, after its dependencies, like a one-shot block';

/**
 * Fields of the design's Pattern 2 (streams: daemon blocks, block triggers, per-record state) and
 * Pattern 3 (analytical lenses) are accepted, so templates written for them load, but the engine
 * has no behaviour for them yet. Each one is a warning that says what will happen instead.
 */
export function checkPatternFields(blocks: readonly RawBlock[], warn: ReportIssue, report: ReportIssue): void {
  for (const block of blocks) {
    const label = blockLabel(block);
    const { mode, trigger, lens, record_state: recordState } = block.value;
    checkTriggerFields(block, label, report);
    if (mode === 'daemon') {
      warn(['blocks', block.index, 'mode'], `${label}: \`mode: "daemon"\` (Pattern 2 streams) has no behaviour yet, ${RUNS_AS_PLAIN}.`);
    }
    if (isObject(trigger) && UNFIRED_TRIGGERS.has(trigger.type)) {
      warn(
        ['blocks', block.index, 'trigger', 'type'],
        `${label}: a block trigger of type "${String(trigger.type)}" has no behaviour yet (nothing fires block triggers), ${RUNS_AS_PLAIN}; to start whole runs on a schedule, use the template's \`trigger\`.`,
      );
    }
    if (isObject(lens)) {
      warn(['blocks', block.index, 'lens'], `${label}: \`lens\` (Pattern 3 fan-out, aggregate and feedback) has no behaviour yet, ${RUNS_AS_PLAIN}.`);
    }
    if (isObject(recordState)) {
      warn(['blocks', block.index, 'record_state'], `${label}: \`record_state\` (Pattern 2 per-record state) has no behaviour yet, ${RUNS_AS_PLAIN}.`);
    }
  }
}

/**
 * What a stream block needs whatever its behaviour: a daemon has a trigger that says when new
 * records arrive, an event trigger names its event, a webhook trigger its path.
 */
function checkTriggerFields(block: RawBlock, label: string, report: ReportIssue): void {
  const { mode, trigger } = block.value;
  const type = isObject(trigger) ? trigger.type : undefined;
  if (mode === 'daemon' && !UNFIRED_TRIGGERS.has(type)) {
    report(
      ['blocks', block.index, 'mode'],
      `${label} is a daemon, but its trigger is ${type === undefined ? 'the default "dependency"' : `"${String(type)}"`}, which says nothing about when new records arrive; give it a "cron", "webhook" or "event" trigger, or use \`mode: "one-shot"\`.`,
    );
  }
  if (type === 'event' && isObject(trigger) && trigger.event === undefined) {
    report(['blocks', block.index, 'trigger'], `${label} has trigger type "event" but no \`event\`; name one such as "entity.created(gate=2)".`);
  }
  if (type === 'webhook' && isObject(trigger) && trigger.webhook === undefined) {
    report(['blocks', block.index, 'trigger'], `${label} has trigger type "webhook" but no \`webhook\` path; add one such as "/api/ingest/youtube".`);
  }
}
