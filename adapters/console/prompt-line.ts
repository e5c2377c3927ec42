import { clearLine, cursorTo, type Interface } from 'node:readline';

/**
 * Output that keeps the prompt line intact. Cards arrive at any time (the outbox delivers them
 * while the person types), and a terminal cannot insert above the cursor: so the prompt line is
 * cleared, the text printed, and the prompt redrawn with what was typed so far.
 */
export class PromptLine {
  private rl: Interface | undefined;
  private shown = false;

  constructor(
    private readonly output: NodeJS.WritableStream,
    private readonly terminal: boolean,
  ) {}

  /** The readline interface whose prompt this output keeps (set on start, cleared on stop). */
  attach(rl: Interface | undefined): void {
    this.rl = rl;
    this.shown = false;
  }

  /** Prints whole lines above the prompt. */
  print(text: string): void {
    if (this.shown) {
      if (this.terminal) {
        clearLine(this.output, 0);
        cursorTo(this.output, 0);
      } else {
        // A pipe cannot erase; end the prompt's line so the text starts on its own.
        this.output.write('\n');
      }
    }
    this.output.write(`${text}\n`);
    if (this.shown && this.rl) this.rl.prompt(true);
  }

  /** Shows a prompt ("factory> ", or a form's question) and waits for the line to be typed. */
  prompt(text: string): void {
    if (!this.rl) return;
    this.rl.setPrompt(text);
    this.rl.prompt();
    this.shown = true;
  }

  /** A line was entered: the cursor is on a fresh line, no prompt is showing. */
  entered(): void {
    this.shown = false;
  }
}
