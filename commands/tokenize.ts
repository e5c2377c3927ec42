import { err, ok, type Result } from '../src/domain/result';

/**
 * Splits command text into tokens: spaces separate, "double" or 'single' quotes group, and the
 * curly quotes phones type are treated as straight ones. Returns an error for an unclosed quote.
 */
export function tokenize(text: string): Result<string[]> {
  const normalized = text.replace(/[\u201C\u201D\u201E]/g, '"').replace(/[\u2018\u2019]/g, "'");
  const tokens: string[] = [];
  let current = '';
  let quote: string | null = null;
  let inToken = false;
  for (const ch of normalized) {
    if (quote) {
      if (ch === quote) quote = null;
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inToken = true;
    } else if (/\s/.test(ch)) {
      if (inToken) tokens.push(current);
      current = '';
      inToken = false;
    } else {
      current += ch;
      inToken = true;
    }
  }
  if (quote) return err(`a ${quote} quote is not closed`);
  if (inToken) tokens.push(current);
  return ok(tokens);
}
