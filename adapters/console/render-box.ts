import { padToWidth } from './render-text-width';

/** The characters a box is drawn with. */
export interface BoxChars {
  topLeft: string;
  topRight: string;
  bottomLeft: string;
  bottomRight: string;
  horizontal: string;
  vertical: string;
  teeLeft: string;
  teeRight: string;
}

export const UNICODE_BOX: BoxChars = {
  topLeft: '┌',
  topRight: '┐',
  bottomLeft: '└',
  bottomRight: '┘',
  horizontal: '─',
  vertical: '│',
  teeLeft: '├',
  teeRight: '┤',
};

/** For terminals without Unicode line drawing (some Windows consoles, serial logs). */
export const ASCII_BOX: BoxChars = {
  topLeft: '+',
  topRight: '+',
  bottomLeft: '+',
  bottomRight: '+',
  horizontal: '-',
  vertical: '|',
  teeLeft: '+',
  teeRight: '+',
};

/** One box row: "│ <content padded to inner> │". Content must already fit `inner` columns. */
export function drawBoxRow(chars: BoxChars, content: string, inner: number, paint: (s: string) => string): string {
  return `${paint(chars.vertical)} ${padToWidth(content, inner)} ${paint(chars.vertical)}`;
}

/** Top, divider or bottom border for a box `width` columns wide. */
export function drawBoxBorder(chars: BoxChars, kind: 'top' | 'divider' | 'bottom', width: number, paint: (s: string) => string): string {
  const [left, right] =
    kind === 'top' ? [chars.topLeft, chars.topRight] : kind === 'bottom' ? [chars.bottomLeft, chars.bottomRight] : [chars.teeLeft, chars.teeRight];
  return paint(left + chars.horizontal.repeat(Math.max(0, width - 2)) + right);
}
