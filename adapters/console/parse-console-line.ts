/** What one line typed at the console prompt asks for. */
export type ConsoleInput =
  | { type: 'empty' }
  | { type: 'command'; text: string }
  | { type: 'action'; number: number }
  | { type: 'help' }
  | { type: 'exit' }
  | { type: 'not-factory'; word: string };

const ACTION_NUMBER = /^\[?(\d{1,6})\]?$/;
const EXIT_WORDS = new Set(['exit', 'quit', '/exit', '/quit', ':q']);

/**
 * Classifies a typed line. "/factory status" and the short "status" are the same command (the
 * terminal has only one bot); a bare number ("2" or "[2]") presses the button printed as [2];
 * "help" shows the console's own tips; "exit" leaves. Pure: no I/O, never throws.
 */
export function parseConsoleLine(line: string): ConsoleInput {
  const text = line.trim();
  if (text === '') return { type: 'empty' };
  const number = ACTION_NUMBER.exec(text);
  if (number) return { type: 'action', number: Number(number[1]) };
  const lower = text.toLowerCase();
  if (EXIT_WORDS.has(lower)) return { type: 'exit' };
  if (lower === 'help' || lower === '?' || lower === '/help') return { type: 'help' };
  const factory = /^\/factory(?:\s+(.*))?$/is.exec(text);
  if (factory) {
    const rest = (factory[1] ?? '').trim();
    return rest === '' ? { type: 'help' } : { type: 'command', text: rest };
  }
  // Another bot's slash command (Slack and Discord habits): say what this one answers to.
  if (text.startsWith('/')) return { type: 'not-factory', word: text.split(/\s+/)[0]! };
  return { type: 'command', text };
}
