/**
 * A person named in a card's text, which each renderer shows its own way: as a mention on the
 * platform the person is on (Discord `<@id>`, Slack `<@U…>`), as the display name anywhere else
 * (the console, the other platform). Like time tokens, cards carry the neutral token, never
 * platform markup; a mention in text never notifies anyone (only `card.mentions` may).
 */
import type { Platform } from './statuses';

export interface PersonToken {
  platform: Platform;
  id: string;
  name: string;
}

const PERSON = /\u27e6p:([a-z]+):([^|\u27e7]+)\|([^\u27e7]*)\u27e7/g;

/** "⟦p:discord:123|rita⟧"; just the name when the id is unknown. */
export function personToken(person: { platform: Platform; id?: string | null; name: string }): string {
  const name = person.name.replaceAll('\u27e7', '');
  if (!person.id) return name;
  return `\u27e6p:${person.platform}:${person.id.replace(/[|\u27e7]/g, '')}|${name}\u27e7`;
}

/** Replaces every person token in `text` with what `render` makes of it. */
export function renderPersonTokens(text: string, render: (person: PersonToken) => string): string {
  if (!text.includes('\u27e6p:')) return text;
  return text.replace(PERSON, (_m, platform: string, id: string, name: string) => render({ platform: platform as Platform, id, name }));
}

/** A mention of the person on `platform` when they are on it, else their name. */
export function mentionOn(platform: Platform, markup: (id: string) => string): (person: PersonToken) => string {
  return (person) => (person.platform === platform ? markup(person.id) : person.name);
}
