/**
 * A small terminal screen for tests: feeds it what a program wrote to its pseudo-terminal and it
 * keeps the grid a person would see (cursor moves, line erases, wrapping, scrolling), plus the
 * lines that scrolled off the top. Enough of xterm for readline and our cards; colours are dropped.
 */
import { measureGrapheme, splitGraphemes } from '../../adapters/console/render-text-width';

// ESC [ params final (CSI), ESC ] ... BEL or ESC \ (OSC), or a two-character ESC sequence.
// eslint-disable-next-line no-control-regex -- terminal escape sequences begin with ESC.
const ESCAPE = /^\u001b(?:\[([?>]?)([0-9;]*)([ -/]*)([@-~])|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[^[\]])/;

export class VirtualScreen {
  private grid: string[][];
  private readonly scrolled: string[] = [];
  private row = 0;
  private col = 0;
  private pending = '';

  constructor(
    readonly cols: number,
    readonly rows: number,
  ) {
    this.grid = Array.from({ length: rows }, () => this.blankRow());
  }

  /** Applies output, as the terminal would. Escape sequences split across writes are kept until complete. */
  write(data: string): void {
    let text = this.pending + data;
    this.pending = '';
    while (text.length > 0) {
      const esc = text.indexOf('\u001b');
      const plain = esc === -1 ? text : text.slice(0, esc);
      this.writePlain(plain);
      if (esc === -1) return;
      text = text.slice(esc);
      const match = ESCAPE.exec(text);
      if (!match) {
        // An incomplete sequence at the end of this write: wait for the rest (give up after 64 chars).
        if (text.length < 64) this.pending = text;
        return;
      }
      if (match[4]) this.applyCsi(match[1] ?? '', match[2] ?? '', match[4]);
      text = text.slice(match[0].length);
    }
  }

  /** The rows on screen now, right-trimmed. */
  visible(): string[] {
    return this.grid.map((r) => r.join('').trimEnd());
  }

  /** Everything shown since the start: lines scrolled off the top, then the screen. */
  history(): string[] {
    return [...this.scrolled, ...this.visible()];
  }

  /** The row the cursor is on (where the person types). */
  cursorLine(): string {
    return this.visible()[this.row] ?? '';
  }

  private blankRow(): string[] {
    return Array.from({ length: this.cols }, () => ' ');
  }

  private writePlain(text: string): void {
    for (const g of splitGraphemes(text)) {
      if (g === '\r') this.col = 0;
      else if (g === '\n' || g === '\r\n') {
        if (g === '\r\n') this.col = 0;
        this.lineFeed();
      } else if (g === '\b') this.col = Math.max(0, this.col - 1);
      else if (g === '\t') this.col = Math.min(this.cols - 1, (Math.floor(this.col / 8) + 1) * 8);
      else if (g === '\u0007') continue;
      else this.put(g);
    }
  }

  private put(g: string): void {
    const width = measureGrapheme(g);
    if (width === 0) return;
    // Deferred wrap, like xterm: the cursor waits past the last column until something is printed.
    if (this.col + width > this.cols) {
      this.col = 0;
      this.lineFeed();
    }
    const line = this.grid[this.row]!;
    line[this.col] = g;
    if (width === 2 && this.col + 1 < this.cols) line[this.col + 1] = '';
    this.col += width;
  }

  private lineFeed(): void {
    if (this.row < this.rows - 1) {
      this.row += 1;
      return;
    }
    this.scrolled.push(this.grid.shift()!.join('').trimEnd());
    this.grid.push(this.blankRow());
  }

  private applyCsi(prefix: string, params: string, final: string): void {
    if (prefix !== '') return; // private modes (?25l cursor visibility, ?2004h bracketed paste)
    const nums = params.split(';').map((p) => (p === '' ? undefined : Number(p)));
    const n = nums[0] ?? 1;
    const clampCol = (c: number): number => Math.max(0, Math.min(this.cols - 1, c));
    const clampRow = (r: number): number => Math.max(0, Math.min(this.rows - 1, r));
    switch (final) {
      case 'A': this.row = clampRow(this.row - n); break;
      case 'B': this.row = clampRow(this.row + n); break;
      case 'C': this.col = clampCol(this.col + n); break;
      case 'D': this.col = clampCol(this.col - n); break;
      case 'G': this.col = clampCol(n - 1); break;
      case 'H':
      case 'f':
        this.row = clampRow((nums[0] ?? 1) - 1);
        this.col = clampCol((nums[1] ?? 1) - 1);
        break;
      case 'K': this.eraseInLine(nums[0] ?? 0); break;
      case 'J': this.eraseInDisplay(nums[0] ?? 0); break;
      default: break; // m (colours) and anything else: no effect on the text
    }
  }

  private eraseInLine(mode: number): void {
    const line = this.grid[this.row]!;
    const [from, to] = mode === 0 ? [this.col, this.cols] : mode === 1 ? [0, this.col + 1] : [0, this.cols];
    for (let c = from; c < to; c += 1) line[c] = ' ';
  }

  private eraseInDisplay(mode: number): void {
    if (mode === 0) {
      this.eraseInLine(0);
      for (let r = this.row + 1; r < this.rows; r += 1) this.grid[r] = this.blankRow();
    } else if (mode === 1) {
      this.eraseInLine(1);
      for (let r = 0; r < this.row; r += 1) this.grid[r] = this.blankRow();
    } else {
      this.grid = Array.from({ length: this.rows }, () => this.blankRow());
    }
  }
}
