import { z } from 'zod';
import type { BulkApprovalResult } from '../src/runner/bulk-approval';

/** One token of the gates an approval names: "12", "#12" or "run=12". */
const SELECTOR = /^(?:#?(\d{1,18})|run=#?(\d{1,18}))$/i;

export const isGateSelector = (token: string): boolean => SELECTOR.test(token);

/** "12", "12 13 14", "run=12" -> which gates; a token that is neither is an error with the example. */
export const gateSelectorText = z
  .string({ error: 'give the gate number (or several, or run=<run>)' })
  .trim()
  .min(1, 'give the gate number (or several, or run=<run>)')
  .transform((text, ctx) => {
    const gateIds: string[] = [];
    let runId: string | undefined;
    for (const token of text.split(/[\s,]+/).filter(Boolean)) {
      const m = SELECTOR.exec(token);
      if (!m) {
        ctx.addIssue({ code: 'custom', message: `"${token}" is not a gate: a gate is a number like 12 (several: 12 13, or run=12)` });
        return z.NEVER;
      }
      if (m[1]) gateIds.push(m[1]);
      else runId = m[2];
    }
    return { gateIds: [...new Set(gateIds)], runId };
  });

/** "install docs; add a test" -> ["install docs", "add a test"]. */
export const conditionsText = z
  .string()
  .optional()
  .transform((text) => (text ?? '').split(';').map((c) => c.trim()).filter(Boolean));

/**
 * Typed form: approve <gate ...|run=N> [note] [if: condition; condition]. Leading gate tokens are
 * the selection; "if:" starts the conditions.
 */
export function parseApproveText(tokens: string[]): Record<string, unknown> {
  let i = 0;
  while (i < tokens.length && isGateSelector(tokens[i]!)) i += 1;
  const gate = i > 0 ? tokens.slice(0, i).join(' ') : tokens[0];
  const rest = tokens.slice(Math.max(i, 1));
  const cut = rest.findIndex((t) => /^if:/i.test(t));
  const noteTokens = cut >= 0 ? rest.slice(0, cut) : rest;
  const conditionTokens = cut >= 0 ? [rest[cut]!.replace(/^if:/i, ''), ...rest.slice(cut + 1)] : [];
  return {
    gate,
    note: noteTokens.length ? noteTokens.join(' ') : undefined,
    conditions: conditionTokens.join(' ').trim() || undefined,
  };
}

/** The Confirm click's outcome, one line per gate. */
export function describeBulkResult(result: BulkApprovalResult): string {
  const words: Record<BulkApprovalResult['results'][number]['outcome'], string> = {
    decided: 'approved',
    voted: 'your approval recorded (more needed)',
    'already-decided': 'already decided, left as it was',
    'already-voted': 'you had already voted',
    refused: 'not approved',
  };
  const approved = result.results.filter((r) => r.outcome === 'decided' || r.outcome === 'voted').length;
  const lines = result.results.map((r) => `#${r.gateId}${r.blockName ? ` ${r.blockName}` : ''}: ${words[r.outcome]}${r.why ? ` (${r.why})` : ''}`);
  return `Approved ${approved} of ${result.results.length}:\n${lines.join('\n')}`;
}
