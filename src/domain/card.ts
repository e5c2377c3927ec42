/**
 * A platform-neutral message. Cards carry plain structure; each adapter renders and truncates it
 * to its platform's limits (Discord embeds, Slack Block Kit, a box in the terminal).
 */
export type CardTone = 'info' | 'pending' | 'success' | 'danger' | 'warning' | 'neutral';

export interface CardField {
  label: string;
  value: string;
  /** Short fields may sit side by side. */
  inline?: boolean;
}

export interface CardAction {
  /** Opaque id, e.g. "gate:<id>:approve". Never carries state. */
  id: string;
  label: string;
  style: 'primary' | 'danger' | 'secondary' | 'link';
  /** For link actions. */
  url?: string;
}

export interface CardSection {
  title?: string;
  /** Markdown-ish text (bold with **, code with `). Adapters convert to their dialect. */
  text: string;
  /** Where the full text lives when a renderer has to cut it. */
  moreUrl?: string;
}

export interface Card {
  /** What kind of card this is, for adapters that treat some kinds specially and for tests. */
  kind: 'gate' | 'run-status' | 'blockers' | 'reminder' | 'notice' | 'list' | 'help' | 'audit';
  title: string;
  /** The one-line fallback for notifications and plain-text clients. */
  summary: string;
  tone: CardTone;
  url?: string;
  description?: string;
  fields?: CardField[];
  sections?: CardSection[];
  actions?: CardAction[];
  footer?: string;
  timestamp?: Date;
  /** Mentions to put in the message text so that people are notified ("@here", user or group ids). */
  mentions?: string[];
}

/** What a command hands back to the adapter that called it. */
export type Reply =
  | { type: 'card'; card: Card; ephemeral: boolean }
  | { type: 'text'; text: string; ephemeral: boolean }
  | { type: 'modal'; modal: ModalRequest };

/** A form to ask for input (the reason for a rejection). */
export interface ModalRequest {
  /** Opaque id echoed back on submit, e.g. "gate:<id>:reject". */
  id: string;
  title: string;
  fields: Array<{ id: string; label: string; placeholder?: string; required: boolean; multiline: boolean; maxLength: number }>;
}
