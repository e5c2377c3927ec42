import type { Card, CardAction, CardField } from '../domain/card';
import type { GateView } from '../domain/views';
import { gateActionId } from './action-ids';
import { buildArtifactSections } from './artifact-sections';
import { buildRunUrl, type CardContext } from './card-context';
import { buildGateDetailsAction } from './gate-actions';
import { buildGateFooter, buildGateTitle, buildNextBlocksField, buildScoreField, describeAttempt } from './gate-facts';
import { formatClockTime } from './relative-time';
import { describePlatform } from './text-format';

/**
 * The FYI card of a guided gate: the block ran on without waiting; anyone may flag it for a
 * person's review. Once flagged, the card says by whom and the button goes.
 */
export function buildGuidedGateCard(gate: GateView, ctx: CardContext): Card {
  const flagged = gate.flaggedBy ?? null;
  const ranOn = `**${gate.blockName}** ran on automatically (autonomy: guided); nobody had to approve it.`;
  const description = flagged
    ? `${ranOn}\nFlagged for review by ${flagged.name} from ${describePlatform(flagged.platform)}.`
    : `${ranOn}\nFlag it if a person should review what it produced.`;
  const fields: CardField[] = [{ label: 'Attempt', value: describeAttempt(gate), inline: true }];
  const score = buildScoreField(gate);
  if (score) fields.push(score);
  if (gate.nextBlocks.length > 0) fields.push(buildNextBlocksField(gate, 'Started next'));
  const actions: CardAction[] = [];
  if (!flagged) actions.push({ id: gateActionId(gate.id, 'flag'), label: 'Flag for review', style: 'secondary' });
  const details = buildGateDetailsAction(gate, ctx);
  if (details) actions.push(details);
  const url = gate.runThreadUrl ?? buildRunUrl(ctx, gate.runId);
  return {
    kind: 'gate',
    title: buildGateTitle('FYI', gate),
    summary: `${gate.blockName} (${gate.runName}) ran on automatically at ${formatClockTime(gate.decidedAt ?? gate.openedAt, ctx.now)}`,
    tone: flagged ? 'warning' : 'info',
    ...(url ? { url } : {}),
    description,
    fields,
    sections: buildArtifactSections(gate, ctx, { maxChars: 300, maxArtifacts: 2 }),
    actions,
    footer: buildGateFooter(gate),
    timestamp: gate.decidedAt ?? gate.openedAt,
  };
}
