import type { Card, CardAction, CardField } from '../../src/domain/card';
import { renderCardTimes, timeTokensAsText } from '../../src/domain/time-token';
import { ASCII_BOX, UNICODE_BOX, drawBoxBorder, drawBoxRow, type BoxChars } from './render-box';
import { renderActionRow, type NumberedAction } from './render-actions';
import { createStyler, type Styler } from './render-style';
import { measureWidth, padToWidth, wrapText } from './render-text-width';

export type { NumberedAction } from './render-actions';

export interface TerminalRenderOptions {
  /** Columns available; every line of the output fits. Values below 8 are treated as 8. */
  width: number;
  /** Emit ANSI colours (tone on the border and title, dim footer). */
  color: boolean;
  /** Show "[1] Approve" (default true) rather than "[Approve]". */
  actionNumbers?: boolean;
  /**
   * The number of the first button (default 1). The console numbers buttons across its whole
   * session, so that a number typed at the prompt names one button on one card.
   */
  firstActionNumber?: number;
  /** Draw the box with + - | instead of Unicode line characters. */
  ascii?: boolean;
}

export interface TerminalRender {
  text: string;
  /** The buttons, numbered from 1 in the order shown; link actions are printed, not numbered. */
  actions: NumberedAction[];
}

export const MIN_TERMINAL_WIDTH = 8;

/** Cards use **bold** and `code`; a terminal shows the words (bold markers would only be noise). */
function stripMarkdown(text: string): string {
  return text.replace(/\*\*(.+?)\*\*/gs, '$1');
}

function formatTimestamp(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Below this inner width every field is stacked (label line, then value): side by side reads badly. */
const MIN_COLUMNS_FOR_ALIGNED_FIELDS = 36;

function renderStackedField(label: string, value: string, inner: number): string[] {
  const indent = inner >= 8 ? 2 : 0;
  return [...wrapText(label, inner), ...wrapText(value, inner - indent).map((v) => ' '.repeat(indent) + v)];
}

function renderFields(fields: readonly CardField[], inner: number): string[] {
  const labelCol = Math.min(Math.max(...fields.map((f) => measureWidth(f.label) + 2)), Math.floor(inner / 3));
  const valueWidth = inner - labelCol;
  const lines: string[] = [];
  for (const f of fields) {
    const label = `${stripMarkdown(f.label)}:`;
    const value = stripMarkdown(f.value);
    if (inner < MIN_COLUMNS_FOR_ALIGNED_FIELDS || measureWidth(label) + 1 > labelCol) {
      lines.push(...renderStackedField(label, value, inner));
      continue;
    }
    wrapText(value, valueWidth).forEach((v, i) => lines.push((i === 0 ? padToWidth(label, labelCol) : ' '.repeat(labelCol)) + v));
  }
  return lines;
}

interface Block {
  lines: string[];
  style?: (s: string) => string;
}

function collectBody(card: Card, inner: number, s: Styler): Block[] {
  const blocks: Block[] = [];
  if (card.mentions && card.mentions.length > 0) blocks.push({ lines: wrapText(`🔔 ${card.mentions.join(' ')}`, inner), style: s.bold });
  if (card.description) blocks.push({ lines: wrapText(stripMarkdown(card.description), inner) });
  if (card.fields && card.fields.length > 0) blocks.push({ lines: renderFields(card.fields, inner) });
  for (const section of card.sections ?? []) {
    const lines = section.title ? wrapText(`▸ ${stripMarkdown(section.title)}`, inner).map(s.bold) : [];
    lines.push(...wrapText(stripMarkdown(section.text), inner));
    if (section.moreUrl) lines.push(...wrapText(`… more: ${section.moreUrl}`, inner).map(s.dim));
    blocks.push({ lines });
  }
  return blocks;
}

function renderLinks(actions: readonly CardAction[], width: number, s: Styler): string[] {
  return actions
    .filter((a) => a.style === 'link' && a.url)
    .flatMap((a) => wrapText(`↗ ${a.label}: ${a.url ?? ''}`, width).map((l) => s.action('link', l)));
}

/**
 * Draws a card as a box of text for the console adapter: the title in the tone's colour, fields as
 * aligned "label: value" lines, sections word-wrapped, the footer dimmed, then numbered buttons
 * ("[1] Approve  [2] Reject") the person answers by typing the number. Pure: returns the text.
 */
export function renderCardForTerminal(tokenCard: Card, options: TerminalRenderOptions): TerminalRender {
  // The terminal has no live time: every time token shows the wording written when the card was built.
  const card = renderCardTimes(tokenCard, timeTokensAsText);
  const width = Math.max(MIN_TERMINAL_WIDTH, Math.floor(options.width));
  const inner = width - 4;
  const s = createStyler(options.color);
  const chars: BoxChars = options.ascii ? ASCII_BOX : UNICODE_BOX;
  const paint = (text: string): string => s.tone(card.tone, text);
  const row = (content: string): string => drawBoxRow(chars, content, inner, paint);

  const out: string[] = [drawBoxBorder(chars, 'top', width, paint)];
  const title = card.title.trim() === '' ? '(untitled)' : stripMarkdown(card.title);
  out.push(...wrapText(title, inner).map((l) => row(s.bold(paint(l)))));
  if (card.url) out.push(...wrapText(`↗ ${card.url}`, inner).map((l) => row(s.dim(l))));

  const body = collectBody(card, inner, s);
  if (body.length > 0) {
    out.push(drawBoxBorder(chars, 'divider', width, paint));
    body.forEach((block, i) => {
      if (i > 0) out.push(row(''));
      out.push(...block.lines.map((l) => row(block.style ? block.style(l) : l)));
    });
  }
  const footer = [card.footer, card.timestamp ? formatTimestamp(card.timestamp) : undefined].filter(Boolean).join(' · ');
  if (footer) {
    out.push(drawBoxBorder(chars, 'divider', width, paint));
    out.push(...wrapText(stripMarkdown(footer), inner).map((l) => row(s.dim(l))));
  }
  out.push(drawBoxBorder(chars, 'bottom', width, paint));

  const buttons = renderActionRow(card.actions ?? [], { width, numbers: options.actionNumbers ?? true, styler: s, firstNumber: options.firstActionNumber });
  out.push(...buttons.lines, ...renderLinks(card.actions ?? [], width, s));
  return { text: out.join('\n'), actions: buttons.actions };
}
