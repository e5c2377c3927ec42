import type { Card, Reply } from '../../src/domain/card';
import { ActionNumbers } from './action-numbers';
import type { PromptLine } from './prompt-line';
import { renderCardForTerminal, type TerminalRenderOptions } from './render-card';
import { renderReply } from './render-reply';
import { createStyler } from './render-style';

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
   * below it, and the old one's buttons stop working.
   */
  printUpdated(card: Card, message: PrintedMessage): void {
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
