import type { ModalRequest, Reply } from '../../src/domain/card';
import { timeTokensAsText } from '../../src/domain/time-token';
import { renderCardForTerminal, type TerminalRender, type TerminalRenderOptions } from './render-card';
import { createStyler, type Styler } from './render-style';
import { wrapText } from './render-text-width';

/** Shown above replies only the asking person sees (ephemeral in chat). */
export const EPHEMERAL_MARKER = '(only visible to you)';

function markEphemeral(lines: readonly string[], width: number, ascii: boolean, s: Styler): string[] {
  const bar = ascii ? ':' : '┊';
  const marker = wrapText(EPHEMERAL_MARKER, Math.max(2, width - 2)).map((l) => s.dim(`${bar} ${l}`));
  return [...marker, ...lines.map((l) => `${s.dim(bar)} ${l}`)];
}

function renderModal(modal: ModalRequest, width: number, s: Styler): string[] {
  const lines = wrapText(`✎ ${modal.title}`, width).map(s.bold);
  for (const f of modal.fields) {
    const need = `${f.required ? 'required' : 'optional'}, up to ${f.maxLength} characters`;
    lines.push(...wrapText(`  ${f.label} (${need})${f.placeholder ? `: ${f.placeholder}` : ''}`, width));
  }
  return lines;
}

/**
 * Renders any Reply for the terminal: a card as a box, text word-wrapped, a modal as the prompt
 * the console will ask. Ephemeral replies are dimmed on a side bar under "(only visible to you)".
 */
export function renderReply(reply: Reply, options: TerminalRenderOptions): TerminalRender {
  const s = createStyler(options.color);
  const ascii = options.ascii ?? false;
  if (reply.type === 'modal') return { text: renderModal(reply.modal, options.width, s).join('\n'), actions: [] };
  if (reply.type === 'text') {
    const text = timeTokensAsText(reply.text);
    if (!reply.ephemeral) return { text: wrapText(text, options.width).join('\n'), actions: [] };
    const lines = wrapText(text, Math.max(2, options.width - 2)).map(s.dim);
    return { text: markEphemeral(lines, options.width, ascii, s).join('\n'), actions: [] };
  }
  if (!reply.ephemeral) return renderCardForTerminal(reply.card, options);
  const inner = renderCardForTerminal(reply.card, { ...options, width: options.width - 2 });
  return { text: markEphemeral(inner.text.split('\n'), options.width, ascii, s).join('\n'), actions: inner.actions };
}
