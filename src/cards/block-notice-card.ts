import type { Card, CardTone } from '../domain/card';

export type BlockNoticeKind = 'done' | 'retry' | 'rework' | 'skipped' | 'started-after-gate' | 'auto-approved';

const WORDING: Record<BlockNoticeKind, { symbol: string; verb: string; tone: CardTone }> = {
  done: { symbol: '✅', verb: 'done', tone: 'success' },
  retry: { symbol: '🔁', verb: 'retrying', tone: 'warning' },
  rework: { symbol: '✏️', verb: 'reworking with the reviewer’s reason', tone: 'pending' },
  skipped: { symbol: '⏭️', verb: 'skipped', tone: 'neutral' },
  'started-after-gate': { symbol: '▶️', verb: 'approved to start', tone: 'info' },
  'auto-approved': { symbol: '🤖', verb: 'ran on without review (autonomy: auto)', tone: 'neutral' },
};

/** A one-line update for a run's thread: what happened to one block. */
export function buildBlockNoticeCard(input: { kind: BlockNoticeKind; blockName: string; runName: string; detail?: string | null }): Card {
  const w = WORDING[input.kind];
  const title = `${w.symbol} ${input.blockName}: ${w.verb}`;
  return {
    kind: 'notice',
    title,
    summary: input.detail ? `${title}. ${input.detail}` : title,
    tone: w.tone,
    ...(input.detail ? { description: input.detail } : {}),
    footer: input.runName,
  };
}
