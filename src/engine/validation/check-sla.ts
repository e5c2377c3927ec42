import type { PathSegment, ReportIssue } from './issues';
import { blockLabel, isObject, readAt, type RawBlock } from './raw-template';

/**
 * Approving at the deadline lets work through without any person: allowed only when the same SLA
 * section says so with `allow_auto_approve: true`.
 */
export function checkSla(input: unknown, blocks: readonly RawBlock[], report: ReportIssue): void {
  checkPolicy(readAt(input, ['sla']), ['sla'], 'the template', report);
  for (const block of blocks) {
    checkPolicy(readAt(block.value, ['review', 'sla']), ['blocks', block.index, 'review', 'sla'], blockLabel(block, 'lower'), report);
  }
}

function checkPolicy(sla: unknown, path: readonly PathSegment[], owner: string, report: ReportIssue): void {
  if (!isObject(sla) || sla.on_deadline !== 'approve' || sla.allow_auto_approve === true) return;
  report(
    [...path, 'on_deadline'],
    `\`on_deadline: "approve"\` in ${owner} would approve without any person once the deadline passes; add \`allow_auto_approve: true\` to the same \`sla\` section if that is really intended, or use "escalate" or "reject".`,
  );
}
