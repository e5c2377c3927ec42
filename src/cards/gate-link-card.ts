import type { Card } from '../domain/card';

/**
 * The one line a run's thread gets when its gate card went to the tasks channel instead: which
 * gate waits and where to decide it. Platforms' message refs carry no permalink, so it names the
 * gate and the channel ("see #tasks"); the web page of the gate is linked when there is one.
 */
export function buildGateLinkCard(input: { gateId: string; gateTitle: string; channelName: string; url?: string }): Card {
  const title = `🔔 Gate ${input.gateId} is waiting for review: see #${input.channelName}`;
  return {
    kind: 'notice',
    title,
    summary: `${title} (${input.gateTitle})`,
    tone: 'pending',
    description: input.gateTitle,
    ...(input.url ? { url: input.url } : {}),
  };
}
