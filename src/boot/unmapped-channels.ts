import type { FileConfig } from '../config-file';
import type { Platform } from '../domain/statuses';
import type { Template } from '../schema/template';

/** A channel name templates post to that the config does not map on some running platform. */
export interface UnmappedChannel {
  name: string;
  templates: string[];
  platforms: Platform[];
}

const PURPOSES = ['tasks', 'alerts', 'feed'] as const;

/**
 * Every channel name a template posts to: its own names for tasks, alerts and feed (the purpose
 * itself when it names none) and the channels of its ladder steps, template-wide or per block,
 * resolved the way the notifier resolves them ("tasks" -> the template's tasks channel).
 */
export function channelNamesOf(template: Template): Set<string> {
  const own = (template.channels ?? {}) as Partial<Record<string, string>>;
  const names = new Set<string>(PURPOSES.map((p) => own[p] ?? p));
  const steps = [...(template.sla?.steps ?? []), ...template.blocks.flatMap((b) => b.review?.sla?.steps ?? [])];
  for (const step of steps) if (step.channel) names.add(own[step.channel] ?? step.channel);
  return names;
}

/**
 * The channel names that no config entry maps for a running chat platform (the console needs
 * none: it shows every card). Pure; the boot logs one warning per name.
 */
export function findUnmappedChannels(templates: readonly Template[], channels: FileConfig['channels'], platforms: readonly Platform[]): UnmappedChannel[] {
  const chat = platforms.filter((p) => p !== 'console');
  if (chat.length === 0) return [];
  const byName = new Map<string, UnmappedChannel>();
  for (const template of templates) {
    for (const name of channelNamesOf(template)) {
      const mapping = (channels[name] ?? {}) as Partial<Record<Platform, string>>;
      const missing = chat.filter((p) => !mapping[p]);
      if (missing.length === 0) continue;
      const entry = byName.get(name) ?? { name, templates: [], platforms: missing };
      entry.templates.push(template.id);
      byName.set(name, entry);
    }
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The warning for one unmapped channel, saying what is lost and how to fix it. */
export function describeUnmappedChannel(c: UnmappedChannel): string {
  const where = c.platforms.map((p) => (p === 'discord' ? 'Discord' : 'Slack')).join(' and ');
  return (
    `channel "${c.name}" (used by ${c.templates.join(', ')}) has no ${where} id in the config's channels, so nothing is posted there; ` +
    `add "channels": { "${c.name}": { ${c.platforms.map((p) => `"${p}": "<channel id>"`).join(', ')} } } to factory.config.json`
  );
}
