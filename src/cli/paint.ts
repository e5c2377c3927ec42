/** ANSI styling that turns itself off when output is not a terminal (pipes, CI logs, files). */
export interface Paint {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

export const COLOUR: Paint = { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), green: wrap(32, 39), yellow: wrap(33, 39), cyan: wrap(36, 39) };

const identity = (text: string): string => text;
export const PLAIN: Paint = { bold: identity, dim: identity, red: identity, green: identity, yellow: identity, cyan: identity };

/** Colour only for a terminal. */
export function paintFor(isTty: boolean | undefined): Paint {
  return isTty ? COLOUR : PLAIN;
}
