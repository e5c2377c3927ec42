import type { types } from '@slack/bolt';
import { buildBlockersCard, buildGateCard, buildRunListCard, type CardContext } from '../../src/cards';
import type { Card } from '../../src/domain/card';
import type { BlockerView, GateView, RunView } from '../../src/domain/views';
import { MAX_VIEW_BLOCKS } from './limits';
import { slackDate } from './mrkdwn';
import { renderCard } from './render-card';

/** What the Home tab shows one person. */
export interface HomeContent {
  /** Gates this person may decide (service.pendingFor). */
  pending: readonly GateView[];
  /** Active runs this person started. */
  myRuns: readonly RunView[];
  /** Everything stuck, for the whole team (service.blockers). */
  blockers: readonly BlockerView[];
}

type Block = types.KnownBlock;
const divider: Block = { type: 'divider' };

/**
 * The App Home tab: what waits on me (one compact gate card each, with its buttons), my active
 * runs, and the team's blockers, all rendered by the card renderer. A Home view holds at most 100
 * blocks: the runs and blockers cards are small and bounded (10 entries each), so they are laid
 * out first and the gates get the rest; gates that do not fit are counted in a note pointing to
 * `/factory pending`. Pure.
 */
export function buildHomeView(content: HomeContent, ctx: CardContext, sign: (card: Card) => Card = (card) => card): types.HomeView {
  const render = (card: Card): Block[] => renderCard(sign(card), { publicBaseUrl: ctx.publicBaseUrl }).blocks;
  const runsCard = buildRunListCard(content.myRuns, ctx, { title: content.myRuns.length ? 'Your active runs' : 'You have no active runs' });
  const tail: Block[] = [
    divider,
    ...render(runsCard),
    divider,
    ...render(buildBlockersCard(content.blockers, ctx)),
    { type: 'context', elements: [{ type: 'mrkdwn', text: `Updated ${slackDate(ctx.now)} · \`/factory help\` lists every command` }] },
  ];
  const head: Block[] = [{ type: 'header', text: { type: 'plain_text', text: `Waiting on you (${content.pending.length})`, emoji: true } }];

  const gates: Block[] = [];
  let shown = 0;
  // One block stays free for the "…N more" note whenever a gate has to be left out.
  const room = MAX_VIEW_BLOCKS - head.length - tail.length - 1;
  for (const gate of content.pending) {
    const blocks = [...render(compact(buildGateCard(gate, ctx))), divider];
    if (gates.length + blocks.length > room) break;
    gates.push(...blocks);
    shown += 1;
  }
  if (content.pending.length === 0) {
    gates.push({ type: 'section', text: { type: 'mrkdwn', text: 'Nothing waits on you. Gates you may decide show up here with their buttons.' } });
  } else if (shown < content.pending.length) {
    const more = content.pending.length - shown;
    gates.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `…${more} more gate${more === 1 ? '' : 's'} wait${more === 1 ? 's' : ''} on you: \`/factory pending\`` }] });
  }
  return { type: 'home', blocks: [...head, ...gates, ...tail] };
}

/**
 * A gate card for the Home tab: the decision essentials and the buttons, without the artifact
 * previews (the channel card has those) and without mentions (nobody is notified from Home).
 */
function compact(card: Card): Card {
  return { ...card, sections: [], mentions: [] };
}
