import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { Actor } from '../src/domain/actor';
import type { Reply } from '../src/domain/card';
import { isUserError } from '../src/domain/errors';
import type { FactoryService, Origin } from '../src/runner/factory-service';
import { parseCommandText } from './parse-text';
import { ephemeral } from './reply';
import type { AnyCommand, CommandContext } from './types';

export interface ErrorLog {
  error(obj: object, msg: string): void;
}

export interface DispatchDeps {
  commands: readonly AnyCommand[];
  service: FactoryService;
  log: ErrorLog;
  publicBaseUrl?: string;
  /** Signs the run page links of a reply's card (the web pages refuse unsigned links). */
  signLinks?: (reply: Reply) => Reply;
  onOutcome?: (command: string, platform: string, outcome: 'ok' | 'user_error' | 'error') => void;
}

export interface CommandInvocation {
  actor: Actor;
  origin: Origin;
  now: Date;
}

/** Runs a command typed as text (Slack, console): "/factory <text>". */
export async function runCommandText(deps: DispatchDeps, call: CommandInvocation, text: string): Promise<Reply> {
  const parsed = parseCommandText(deps.commands, text);
  if (!parsed.ok) {
    const names = deps.commands.map((c) => c.name).join(', ');
    return ephemeral(`${capitalize(parsed.error)}. Try \`/factory help\`; subcommands: ${names}.`);
  }
  return runCommand(deps, call, parsed.value.command.name, parsed.value.raw);
}

/** Runs a command with raw options (Discord gives them already split). */
export async function runCommand(deps: DispatchDeps, call: CommandInvocation, name: string, raw: Record<string, unknown>): Promise<Reply> {
  const command = deps.commands.find((c) => c.name === name);
  if (!command) return ephemeral(`Unknown subcommand "${name}". Try \`/factory help\`.`);
  const args = (command.schema as z.ZodType).safeParse(raw);
  if (!args.success) {
    deps.onOutcome?.(name, call.origin.platform, 'user_error');
    const problems = args.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
    return ephemeral(`${problems.join('; ')}.\nUsage: \`/factory ${command.usage}\``);
  }
  const ctx: CommandContext = { ...call, service: deps.service, publicBaseUrl: deps.publicBaseUrl, commands: deps.commands };
  return guard(deps, name, call, () => command.handle(ctx, args.data));
}

/**
 * The one error path: a UserError is shown as written (ephemeral); anything else is logged with a
 * reference and shown only as that reference. No stack trace ever reaches chat.
 */
export async function guard(deps: Pick<DispatchDeps, 'log' | 'onOutcome' | 'signLinks'>, name: string, call: CommandInvocation, fn: () => Promise<Reply>): Promise<Reply> {
  try {
    const reply = await fn();
    deps.onOutcome?.(name, call.origin.platform, 'ok');
    return deps.signLinks ? deps.signLinks(reply) : reply;
  } catch (error) {
    if (isUserError(error)) {
      deps.onOutcome?.(name, call.origin.platform, 'user_error');
      return ephemeral(error.message);
    }
    const ref = randomBytes(4).toString('hex');
    deps.log.error({ err: error, ref, command: name, actor: call.actor.id, platform: call.origin.platform }, 'command failed');
    deps.onOutcome?.(name, call.origin.platform, 'error');
    return ephemeral(`Something went wrong (ref ${ref}). It has been logged; try again, or tell an admin the ref.`);
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
