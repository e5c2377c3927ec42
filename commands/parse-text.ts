import { err, ok, type Result } from '../src/domain/result';
import type { AnyCommand } from './types';
import { tokenize } from './tokenize';

export interface ParsedText {
  command: AnyCommand;
  raw: Record<string, unknown>;
}

/**
 * Parses "/factory <subcommand> ..." text (Slack, console) against the command definitions.
 * Options are positional in definition order; a `rest` option takes the remainder of the line.
 */
export function parseCommandText(commands: readonly AnyCommand[], text: string): Result<ParsedText> {
  const tokens = tokenize(text.trim());
  if (!tokens.ok) return tokens;
  const [name, ...args] = tokens.value;
  if (!name) return err('no subcommand given');
  const command = commands.find((c) => c.name === name.toLowerCase());
  if (!command) return err(`unknown subcommand "${name}"`);
  if (command.parseText) return ok({ command, raw: command.parseText(args) });
  const raw: Record<string, unknown> = {};
  let index = 0;
  for (const option of command.options) {
    if (index >= args.length) break;
    if (option.rest) {
      raw[option.name] = args.slice(index).join(' ');
      index = args.length;
      break;
    }
    raw[option.name] = option.type === 'boolean' ? parseBoolean(args[index]!) : args[index];
    index += 1;
  }
  if (index < args.length) return err(`too many arguments: "${args.slice(index).join(' ')}"`);
  return ok({ command, raw });
}

function parseBoolean(token: string): boolean | string {
  if (/^(true|yes|on|1)$/i.test(token)) return true;
  if (/^(false|no|off|0)$/i.test(token)) return false;
  return token;
}
