import type { ReportIssue } from './issues';
import { arrayAt, blockLabel, isObject, type RawBlock } from './raw-template';

/**
 * A block's output keys are unique across its artifacts and metrics: a dependency names one key,
 * so two outputs with the same key would make `inputs.depends` ambiguous and one would be lost.
 */
export function checkOutputKeys(blocks: readonly RawBlock[], report: ReportIssue): void {
  for (const block of blocks) {
    const first = new Map<string, string>();
    for (const list of ['artifacts', 'metrics'] as const) {
      arrayAt(block.value, ['outputs', list]).forEach((item, k) => {
        if (!isObject(item) || typeof item.key !== 'string' || item.key === '') return;
        const where = `outputs.${list}[${k}]`;
        const earlier = first.get(item.key);
        if (earlier === undefined) {
          first.set(item.key, where);
          return;
        }
        report(
          ['blocks', block.index, 'outputs', list, k, 'key'],
          `${blockLabel(block)} declares the output key \`${item.key}\` twice (\`${earlier}\` and \`${where}\`); output keys must be unique across artifacts and metrics, so rename one of them.`,
        );
      });
    }
  }
}
