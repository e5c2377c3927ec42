import type { ReportIssue } from './issues';
import { arrayAt, blockLabel, declaredOutputs, isObject, listCode, type RawBlock } from './raw-template';
import { didYouMean } from './suggest';

/**
 * Per-block rules zod cannot see: thresholds on declared metrics, declared run parameters, the
 * settings each runtime needs, and `review` only where there is a gate to review.
 */
export function checkBlockRules(input: unknown, blocks: readonly RawBlock[], report: ReportIssue): void {
  const params = isObject(input) && isObject(input.params) ? Object.keys(input.params) : [];
  for (const block of blocks) {
    const label = blockLabel(block);
    checkThreshold(block, label, report);
    arrayAt(block.value, ['inputs', 'params']).forEach((name, k) => {
      if (typeof name !== 'string' || name === '' || params.includes(name)) return;
      report(
        ['blocks', block.index, 'inputs', 'params', k],
        `${label} reads run parameter \`${name}\`, which the template does not declare in \`params\`${didYouMean(name, params) || '; declare it there.'}`,
      );
    });
    checkRuntime(block, label, report);
    const gate = block.value.human_gate;
    if (block.value.review !== undefined && (gate === undefined || gate === 'none')) {
      report(
        ['blocks', block.index, 'review'],
        `${label} has a \`review\` section, but its \`human_gate\` is "none", so it has no gate to review; set \`human_gate\` to "before" or "after", or remove \`review\`.`,
      );
    }
  }
}

function checkThreshold(block: RawBlock, label: string, report: ReportIssue): void {
  const threshold = block.value.threshold;
  if (!isObject(threshold) || typeof threshold.metric !== 'string' || threshold.metric === '') return;
  const { metrics } = declaredOutputs(block.value);
  if (metrics.includes(threshold.metric)) return;
  const emits = metrics.length === 0 ? 'it emits no metrics' : `it emits ${listCode(metrics)}`;
  report(
    ['blocks', block.index, 'threshold', 'metric'],
    `${label} has a threshold on \`${threshold.metric}\`, but it emits no metric \`${threshold.metric}\` (${emits}); declare it in \`outputs.metrics\`${didYouMean(threshold.metric, metrics) || '.'}`,
  );
}

function checkRuntime(block: RawBlock, label: string, report: ReportIssue): void {
  const { runtime, command, url } = block.value;
  if (runtime === 'shell' && (command === undefined || (typeof command === 'string' && command.trim() === ''))) {
    report(['blocks', block.index, 'command'], `${label} runs on the shell runtime but has no \`command\`; add the command it should run.`);
  }
  if (runtime === 'webhook' && url === undefined) {
    report(['blocks', block.index, 'url'], `${label} runs on the webhook runtime but has no \`url\`; add the worker URL it should call.`);
  }
}
