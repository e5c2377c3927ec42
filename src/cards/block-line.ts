import type { BlockView } from '../domain/views';
import { formatDuration } from '../schema/duration';
import { formatMetric } from './gate-facts';
import { BLOCK_STATUS_SYMBOLS } from './status-symbols';
import { truncateText } from './text-format';

/** Errors shown on one line of a status card; the block-failed card shows more. */
export const BLOCK_ERROR_CHARS = 120;

function describeState(block: BlockView, now: Date): string {
  const tries = block.attempts > 1 ? `attempt ${block.attempts}` : '';
  switch (block.status) {
    case 'running': {
      const since = block.startedAt ? `for ${formatDuration(now.getTime() - block.startedAt.getTime())}` : '';
      return ['running', tries, since].filter(Boolean).join(', ');
    }
    case 'done': {
      const took = block.startedAt && block.endedAt ? formatDuration(block.endedAt.getTime() - block.startedAt.getTime()) : '';
      const score = block.score === null ? '' : `score ${formatMetric(block.score, block.score >= 0 && block.score <= 1)}`;
      return [took, score, block.attempts > 1 ? `${block.attempts} attempts` : ''].filter(Boolean).join(', ');
    }
    case 'failed': {
      const after = `failed after ${block.attempts} attempt${block.attempts === 1 ? '' : 's'}`;
      return block.error ? `${after}: ${truncateText(block.error, BLOCK_ERROR_CHARS)}` : after;
    }
    case 'waiting':
      return 'waiting on a person';
    case 'blocked':
      return 'blocked by a failed dependency';
    default:
      return block.status === 'pending' ? '' : block.status;
  }
}

/** "repair 2 of 8" and "claude-sonnet-5-5 (fallback from claude-opus-5-5)", when there is something to say. */
function describeAgent(block: BlockView): string {
  const repair = block.repairs && block.repairs.used > 0 ? `repair ${block.repairs.used} of ${block.repairs.max}` : '';
  const model = block.model ? `${block.model}${block.fallbackFrom ? ` (fallback from ${block.fallbackFrom})` : ''}` : '';
  return [repair, model].filter(Boolean).join(', ');
}

/** "✅ Soul extractor: 12m, score 91%" or "🔄 Voice extractor: running, attempt 2, for 3m, repair 1 of 8". */
export function describeBlockLine(block: BlockView, now: Date): string {
  const state = [describeState(block, now), describeAgent(block)].filter(Boolean).join(', ');
  return `${BLOCK_STATUS_SYMBOLS[block.status]} ${block.name}${state ? `: ${state}` : ''}`;
}
