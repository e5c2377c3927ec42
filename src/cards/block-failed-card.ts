import type { Card, CardAction, CardField, CardSection } from '../domain/card';
import type { BlockView, RunView } from '../domain/views';
import { blockActionId, runActionId } from './action-ids';
import { buildRunUrl, type CardContext } from './card-context';
import { liveClock } from './relative-time';
import { truncateText } from './text-format';

/** Error text shown on the card; the run page has the whole log. */
export const FAILED_ERROR_CHARS = 1500;

function buildErrorSection(block: BlockView, runUrl: string | undefined): CardSection {
  const full = block.error?.trim() || 'No error message was recorded.';
  const text = truncateText(full, FAILED_ERROR_CHARS);
  return text !== full && runUrl ? { title: 'Error', text, moreUrl: runUrl } : { title: 'Error', text };
}

/** Posted when a block has failed for good: its error, attempts, what it holds up, and Retry. */
export function buildBlockFailedCard(run: Pick<RunView, 'id' | 'name' | 'templateId' | 'blocks' | 'threadUrl'>, block: BlockView, ctx: CardContext): Card {
  const blockedBehind = run.blocks.filter((b) => b.status === 'blocked').map((b) => b.name);
  const url = run.threadUrl ?? buildRunUrl(ctx, run.id);
  const actions: CardAction[] = [{ id: blockActionId(run.id, block.id, 'retry'), label: 'Retry', style: 'primary' }];
  const runUrl = buildRunUrl(ctx, run.id);
  if (runUrl) actions.push({ id: runActionId(run.id, 'details'), label: 'Details', style: 'link', url: runUrl });
  const fields: CardField[] = [
    { label: 'Attempts', value: String(block.attempts), inline: true },
    { label: 'Failed at', value: liveClock(block.endedAt ?? ctx.now, ctx.now), inline: true },
  ];
  if (blockedBehind.length > 0) fields.push({ label: 'Held up', value: blockedBehind.join(', '), inline: false });
  return {
    kind: 'notice',
    title: `❌ Failed: ${block.name} (${run.name})`,
    summary: `${block.name} failed in ${run.name} after ${block.attempts} attempt${block.attempts === 1 ? '' : 's'}`,
    tone: 'danger',
    ...(url ? { url } : {}),
    description: `**${block.name}**${block.layer ? ` (${block.layer})` : ''} failed after ${block.attempts} attempt${block.attempts === 1 ? '' : 's'}. Retry it once the cause is fixed.`,
    fields,
    sections: [buildErrorSection(block, runUrl)],
    actions,
    footer: `${run.templateId} · run ${run.id} · block ${block.id}`,
    timestamp: block.endedAt ?? ctx.now,
  };
}
