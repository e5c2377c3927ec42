import type { CardAction, CardTone } from '../../src/domain/card';

const ESC = '\u001b[';
const RESET = `${ESC}0m`;

const TONE_CODES: Record<CardTone, string> = {
  info: '36',
  pending: '34',
  success: '32',
  danger: '31',
  warning: '33',
  neutral: '90',
};

const ACTION_CODES: Record<CardAction['style'], string> = {
  primary: '1;32',
  danger: '1;31',
  secondary: '1',
  link: '4;36',
};

/** ANSI styling that turns into plain text when colour is off. */
export interface Styler {
  tone(tone: CardTone, text: string): string;
  bold(text: string): string;
  dim(text: string): string;
  action(style: CardAction['style'], text: string): string;
}

/** A styler that emits ANSI codes only when `color` is true. */
export function createStyler(color: boolean): Styler {
  const wrap = (code: string, text: string): string => (color && text !== '' ? `${ESC}${code}m${text}${RESET}` : text);
  return {
    tone: (tone, text) => wrap(TONE_CODES[tone], text),
    bold: (text) => wrap('1', text),
    dim: (text) => wrap('2', text),
    action: (style, text) => wrap(ACTION_CODES[style], text),
  };
}
