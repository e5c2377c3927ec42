import type { CardAction } from '../../src/domain/card';
import type { Styler } from './render-style';
import { measureWidth, wrapText } from './render-text-width';

/** A button as the console shows it: type its number to press it. */
export interface NumberedAction {
  number: number;
  actionId: string;
  label: string;
}

/**
 * Numbers the card's buttons from `firstNumber` (default 1; link actions are not buttons in a
 * terminal) and lays them out as "[1] Approve  [2] Reject  [3] Claim", wrapped to `width`.
 */
export function renderActionRow(
  actions: readonly CardAction[],
  options: { width: number; numbers: boolean; styler: Styler; firstNumber?: number },
): { lines: string[]; actions: NumberedAction[] } {
  const first = options.firstNumber ?? 1;
  const buttons = actions.filter((a) => a.style !== 'link');
  const numbered = buttons.map((a, i) => ({ number: first + i, actionId: a.id, label: a.label }));
  const lines: string[] = [];
  let cur = '';
  let curWidth = 0;
  buttons.forEach((a, i) => {
    const plain = options.numbers ? `[${first + i}] ${a.label}` : `[${a.label}]`;
    const pieces = wrapText(plain, options.width);
    for (const piece of pieces) {
      const w = measureWidth(piece);
      const gap = curWidth === 0 ? 0 : 2;
      if (curWidth + gap + w > options.width) {
        lines.push(cur);
        cur = '';
        curWidth = 0;
      }
      cur += (curWidth === 0 ? '' : '  ') + options.styler.action(a.style, piece);
      curWidth += (curWidth === 0 ? 0 : 2) + w;
    }
  });
  if (curWidth > 0) lines.push(cur);
  return { lines, actions: numbered };
}
