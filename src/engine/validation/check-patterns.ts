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
export function checkPatternFields(blocks: readonly RawBlock[], warn: ReportIssue): void {
  for (const block of blocks) {
    const label = blockLabel(block);
    const { mode, trigger, lens, record_state: recordState } = block.value;
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
