/**
 * Card actions -> legacy action rows of buttons: at most 5 per row and 5 rows (25 buttons; later
 * actions are dropped), labels cut to 80 with "…", link buttons with a resolved http(s) URL.
 */
import type { APIActionRowComponent, APIButtonComponent } from 'discord.js';
import type { CardAction } from '../../src/domain/card';
import { MAX_ACTION_ROWS, MAX_BUTTON_LABEL, MAX_BUTTON_URL, MAX_BUTTONS_PER_ROW, MAX_CUSTOM_ID } from './limits';
import { truncateVisible } from './truncate-text';

/** ButtonStyle: Primary 1, Secondary 2, Danger 4, Link 5 (components/reference.mdx:166-199). */
const STYLES = { primary: 1, secondary: 2, danger: 4, link: 5 } as const;

/** Resolves a card URL to an absolute http(s) URL, or undefined when it cannot be made one. */
export function resolveUrl(url: string | undefined, publicBaseUrl: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const resolved = publicBaseUrl ? new URL(url, publicBaseUrl) : new URL(url);
    return /^https?:$/.test(resolved.protocol) ? resolved.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Renders the buttons. Throws RangeError for an id outside 1-100 characters or a duplicate id:
 * ids route clicks, and a cut id would route to the wrong gate, so that is a bug to surface.
 */
export function renderActionRows(actions: readonly CardAction[], publicBaseUrl?: string): APIActionRowComponent<APIButtonComponent>[] {
  const seen = new Set<string>();
  const buttons: APIButtonComponent[] = [];
  for (const action of actions) {
    const label = truncateVisible(action.label.trim() || action.id, MAX_BUTTON_LABEL);
    if (action.style === 'link') {
      const url = resolveUrl(action.url, publicBaseUrl);
      // A link that cannot be opened is worse than no button; the rest of the card still renders.
      if (!url || url.length > MAX_BUTTON_URL) continue;
      buttons.push({ type: 2, style: STYLES.link, label, url });
      continue;
    }
    if (action.id.length === 0 || action.id.length > MAX_CUSTOM_ID) {
      throw new RangeError(`renderCard: action id must be 1-${MAX_CUSTOM_ID} characters (got ${action.id.length}: "${action.id.slice(0, 40)}…"); ids are opaque and short, e.g. gate:<id>:approve`);
    }
    if (seen.has(action.id)) throw new RangeError(`renderCard: duplicate action id "${action.id}"; Discord requires unique custom_ids in a message`);
    seen.add(action.id);
    buttons.push({ type: 2, style: STYLES[action.style], label, custom_id: action.id });
  }
  const rows: APIActionRowComponent<APIButtonComponent>[] = [];
  const max = MAX_ACTION_ROWS * MAX_BUTTONS_PER_ROW;
  for (let i = 0; i < Math.min(buttons.length, max); i += MAX_BUTTONS_PER_ROW) {
    rows.push({ type: 1, components: buttons.slice(i, i + MAX_BUTTONS_PER_ROW) });
  }
  return rows;
}
