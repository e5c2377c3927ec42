import type { ChatCardRef } from '../domain/run-details-view';

/**
 * A link that opens a gate's card in its chat client, or null where there is none (the console).
 * Discord needs the guild for a message link; Slack's archive links find the workspace themselves.
 */
export function chatCardLink(ref: ChatCardRef, opts: { discordGuildId?: string }): string | null {
  if (ref.platform === 'discord') return `https://discord.com/channels/${opts.discordGuildId ?? '@me'}/${ref.channelId}/${ref.messageId}`;
  if (ref.platform === 'slack') return `https://slack.com/archives/${ref.channelId}/p${ref.messageId.replace('.', '')}`;
  return null;
}
