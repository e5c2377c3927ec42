import type { NumberedAction } from './render-actions';

/** What a typed number refers to. */
export type ActionLookup =
  | { type: 'live'; actionId: string; label: string }
  | { type: 'retired'; label: string; messageLabel: string | null }
  | { type: 'unknown' };

interface Entry {
  actionId: string;
  label: string;
  /** The console message the button was printed on; null for replies (they are never updated). */
  messageId: string | null;
  /** How the person sees that message named ("#3"). */
  messageLabel: string | null;
  live: boolean;
}

/**
 * The console's buttons: every button printed in this session gets its own number, so "3" always
 * means one button on one card, even after more cards scrolled by. An updated card retires the
 * numbers of its older version (that version is still on screen, but its buttons may be stale).
 * Only the action id is kept: the handler loads the gate and checks it is still pending.
 */
export class ActionNumbers {
  private readonly entries = new Map<number, Entry>();
  private nextNumber = 1;

  /** The number the next printed button gets. */
  get next(): number {
    return this.nextNumber;
  }

  /** Records buttons rendered from `this.next` on; they belong to `message` (null: a reply). */
  record(actions: readonly NumberedAction[], message: { id: string; label: string } | null): void {
    for (const action of actions) {
      const entry: Entry = { actionId: action.actionId, label: action.label, messageId: message?.id ?? null, messageLabel: message?.label ?? null, live: true };
      this.entries.set(action.number, entry);
      this.nextNumber = Math.max(this.nextNumber, action.number + 1);
    }
  }

  /** Retires the buttons printed on a message (before its updated version is printed). */
  retire(messageId: string): void {
    for (const entry of this.entries.values()) if (entry.messageId === messageId) entry.live = false;
  }

  /** The action ids of the buttons still live on a message, in number order. */
  liveActionIds(messageId: string): string[] {
    return [...this.entries.entries()]
      .filter(([, e]) => e.live && e.messageId === messageId)
      .sort(([a], [b]) => a - b)
      .map(([, e]) => e.actionId);
  }

  lookup(number: number): ActionLookup {
    const entry = this.entries.get(number);
    if (!entry) return { type: 'unknown' };
    if (!entry.live) return { type: 'retired', label: entry.label, messageLabel: entry.messageLabel };
    return { type: 'live', actionId: entry.actionId, label: entry.label };
  }
}
