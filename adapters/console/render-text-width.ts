/**
 * Terminal text measurement: visible width of a string in columns (ANSI colour codes take none,
 * CJK and emoji take two, combining marks none) and word wrapping by that width.
 */
// eslint-disable-next-line no-control-regex -- ANSI escape sequences start with the ESC control character.
const ANSI_PATTERN = /\u001b\[[0-9;]*[A-Za-z]/g;
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Removes ANSI escape sequences. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI_PATTERN, '');
}

/** Splits text into user-perceived characters (an emoji with its modifiers is one). */
export function splitGraphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

function isWideCodePoint(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

const ZERO_WIDTH = /^[\p{Mark}\p{Default_Ignorable_Code_Point}\p{Cc}]+$/u;
const EMOJI_PRESENTATION = /\p{Emoji_Presentation}|\p{Regional_Indicator}|\u20e3/u;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;

/** Columns one grapheme takes in a terminal. */
export function measureGrapheme(grapheme: string): number {
  if (grapheme === '' || ZERO_WIDTH.test(grapheme)) return 0;
  if (EMOJI_PRESENTATION.test(grapheme)) return 2;
  if (grapheme.includes('\ufe0f') && PICTOGRAPHIC.test(grapheme)) return 2;
  return isWideCodePoint(grapheme.codePointAt(0) ?? 0) ? 2 : 1;
}

/** Columns a string takes in a terminal, ignoring ANSI colour codes. */
export function measureWidth(text: string): number {
  let width = 0;
  for (const g of splitGraphemes(stripAnsi(text))) width += measureGrapheme(g);
  return width;
}

/** Pads with spaces up to `width` columns (never cuts). */
export function padToWidth(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - measureWidth(text)));
}

function breakWord(word: string, width: number, lines: string[], start: { text: string; width: number }): { text: string; width: number } {
  let cur = start;
  for (const g of splitGraphemes(word)) {
    const w = measureGrapheme(g);
    if (cur.width + w > width && cur.text !== '') {
      lines.push(cur.text);
      cur = { text: '', width: 0 };
    }
    cur = { text: cur.text + g, width: cur.width + w };
  }
  return cur;
}

function wrapLine(line: string, width: number): string[] {
  const lines: string[] = [];
  let cur = { text: '', width: 0 };
  const flush = (): void => {
    lines.push(cur.text.trimEnd());
    cur = { text: '', width: 0 };
  };
  for (const token of line.split(/( +)/)) {
    if (token === '') continue;
    const w = measureWidth(token);
    if (token.startsWith(' ')) {
      // Spaces: kept as indentation at the start of a paragraph, dropped where a line wraps.
      if (cur.text === '' && lines.length > 0) continue;
      if (cur.width + w <= width) cur = { text: cur.text + token, width: cur.width + w };
      else flush();
      continue;
    }
    if (cur.width + w <= width) {
      cur = { text: cur.text + token, width: cur.width + w };
      continue;
    }
    if (cur.text.trim() !== '') flush();
    else cur = { text: '', width: 0 };
    cur = w <= width ? { text: token, width: w } : breakWord(token, width, lines, cur);
  }
  if (cur.text !== '' || lines.length === 0) flush();
  return lines;
}

/**
 * Word-wraps text to `width` columns. Newlines are kept, tabs become two spaces, words longer than
 * a line are broken between characters (never inside an emoji). Input should carry no ANSI codes.
 */
export function wrapText(text: string, width: number): string[] {
  const safeWidth = Math.max(2, width);
  const clean = text.replace(/\r\n?/g, '\n').replace(/\t/g, '  ');
  return clean.split('\n').flatMap((line) => wrapLine(line, safeWidth));
}
