import type { Card } from '../domain/card';

/** One command as the help card lists it; commands/ feeds these from their definitions. */
export interface HelpEntry {
  name: string;
  /** How to call it: "/factory approve <gate> [note]". */
  usage: string;
  description: string;
}

/** What the bot can do, one line per command, in the order given. */
export function buildHelpCard(entries: readonly HelpEntry[], options: { title?: string; footer?: string } = {}): Card {
  return {
    kind: 'help',
    title: options.title ?? 'Process Factory: commands',
    summary: `${entries.length} commands: ${entries.map((e) => e.name).join(', ')}`,
    tone: 'info',
    description: 'Every decision is also a button on its card; these commands do the same from the keyboard.',
    sections: entries.length > 0 ? [{ text: entries.map((e) => `\`${e.usage}\`: ${e.description}`).join('\n') }] : [],
    ...(options.footer ? { footer: options.footer } : {}),
  };
}
