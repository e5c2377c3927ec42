/**
 * In-memory terminal streams for the console adapter: type lines into `input`, read everything it
 * printed from `text`. Waiting looks only at output after a mark, so earlier cards never satisfy a
 * later expectation.
 */
import { PassThrough } from 'node:stream';

export class TypedConsole {
  readonly input = new PassThrough();
  readonly output = new PassThrough();
  text = '';

  constructor() {
    this.output.setEncoding('utf8');
    this.output.on('data', (chunk: string) => {
      this.text += chunk;
    });
  }

  /** Where the output is now; pass it to waitFor/since to look only at what comes after. */
  mark(): number {
    return this.text.length;
  }

  /** Types one line and presses Enter; returns the mark before it. */
  type(line: string): number {
    const mark = this.mark();
    this.input.write(`${line}\n`);
    return mark;
  }

  since(mark: number): string {
    return this.text.slice(mark);
  }

  async waitFor(pattern: RegExp, what: string, from = 0, timeoutMs = 20_000): Promise<RegExpMatchArray> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = this.since(from).match(pattern);
      if (found) return found;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}. Output since the mark:\n${this.since(from)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
