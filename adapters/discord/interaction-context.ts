/**
 * Who acted and where, read from a discord.js interaction: the Actor our permission rules map to
 * roles (member role ids as groups, Administrator as platform admin) and the Origin replies and
 * the run's thread go to.
 */
import { PermissionFlagsBits, type Interaction } from 'discord.js';
import type { CommandInvocation } from '../../commands/dispatch';
import type { Actor } from '../../src/domain/actor';
import type { Origin } from '../../src/runner/factory-service';

/** The person behind an interaction. */
export function actorOf(interaction: Interaction): Actor {
  const user = interaction.user;
  return {
    type: 'human',
    platform: 'discord',
    id: user.id,
    name: user.globalName ?? user.username,
    groups: roleIdsOf(interaction),
    // The member's permissions in this channel as Discord computed them, Administrator included.
    isPlatformAdmin: interaction.memberPermissions?.has(PermissionFlagsBits.Administrator) ?? false,
  };
}

/**
 * The member's role ids. A cached GuildMember lists them in its role manager (which adds the
 * guild's @everyone, left out here: it is not a grant); an uncached guild gives the raw id list.
 */
function roleIdsOf(interaction: Interaction): string[] {
  const member = interaction.member;
  if (!member) return [];
  if (Array.isArray(member.roles)) return [...member.roles];
  return [...member.roles.cache.keys()].filter((id) => id !== interaction.guildId);
}

/** Where the interaction happened; in a thread, the parent channel plus the thread. */
export function originOf(interaction: Interaction): Origin {
  const channel = interaction.channel;
  if (channel?.isThread() && channel.parentId) return { platform: 'discord', channelId: channel.parentId, threadId: channel.id };
  return { platform: 'discord', channelId: interaction.channelId ?? 'unknown' };
}

/** The invocation commands/ take: actor, origin and the time of the click. */
export function invocationOf(interaction: Interaction, now: Date): CommandInvocation {
  return { actor: actorOf(interaction), origin: originOf(interaction), now };
}
