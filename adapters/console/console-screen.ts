import type { Card, Reply } from '../../src/domain/card';
import { ActionNumbers } from './action-numbers';
import type { PromptLine } from './prompt-line';
import { renderCardForTerminal, type TerminalRenderOptions } from './render-card';
import { renderReply } from './render-reply';
import { createStyler } from './render-style';
import { wrapText } from './render-text-width';

/** How cards are drawn on this terminal. */
export interface ScreenOptions {
  /** Columns to draw cards in, read at every print (the terminal may be resized). */
  width: () => number;
  color: boolean;
  ascii?: boolean;
}

/** A card printed in the terminal: its message id, and how the person sees it named ("#3"). */
export interface PrintedMessage {
  id: string;
  label: string;
}

/**
 * Everything the console shows: cards posted by the outbox, their updated versions, and replies
 * to what the person typed. Each printed button gets a session-wide number (see ActionNumbers).
 */
export class ConsoleScreen {
  readonly numbers = new ActionNumbers();

  constructor(
    private readonly line: PromptLine,
    private readonly options: ScreenOptions,
  ) {}

  /** A reply to the person (ephemeral or not, the terminal has one reader). */
  printReply(reply: Reply): void {
    const rendered = renderReply(reply, this.renderOptions());
    this.numbers.record(rendered.actions, null);
    this.line.print(rendered.text);
  }

  /** A card posted to the channel, headed by its label ("#3", or "→ DM to ana · #4"). */
  printPosted(card: Card, message: PrintedMessage, heading?: string): void {
    this.printCard(card, message, [heading, message.label].filter(Boolean).join(' · '));
  }

  /**
   * A new version of a card: the old one cannot be edited in scrollback, so the new one is printed
   * below it, and the old one's buttons stop working. A run's progress (the same buttons, a new
   * count) is one line instead: a running pipeline edits its status card at every step, and a
   * full box each time would scroll the gate cards, the ones that need the person, out of sight.
   */
  printUpdated(card: Card, message: PrintedMessage): void {
    if (isProgressOnly(card, this.numbers.liveActionIds(message.id))) {
      const s = createStyler(this.options.color);
      this.line.print(wrapText(`↻ ${message.label} ${card.summary}`, this.options.width()).map(s.dim).join('\n'));
      return;
    }
    this.numbers.retire(message.id);
    this.printCard(card, message, `↻ updated ${message.label}`);
  }

  /** Plain lines (notices from the console itself), dimmed. */
  printNote(text: string): void {
    this.line.print(createStyler(this.options.color).dim(text));
  }

  /** Plain lines, as written. */
  print(text: string): void {
    this.line.print(text);
  }

  private printCard(card: Card, message: PrintedMessage, heading: string): void {
    const rendered = renderCardForTerminal(card, this.renderOptions());
    this.numbers.record(rendered.actions, message);
    this.line.print(`${createStyler(this.options.color).dim(heading)}\n${rendered.text}`);
  }

  private renderOptions(): TerminalRenderOptions {
    return { width: this.options.width(), color: this.options.color, ascii: this.options.ascii, firstActionNumber: this.numbers.next };
  }
}

/** A run-status card whose buttons are the ones already on screen: only its numbers moved. */
function isProgressOnly(card: Card, liveActionIds: readonly string[]): boolean {
  if (card.kind !== 'run-status' || liveActionIds.length === 0) return false;
  const buttons = (card.actions ?? []).filter((a) => a.style !== 'link').map((a) => a.id);
  return buttons.length === liveActionIds.length && buttons.every((id, i) => id === liveActionIds[i]);
}
