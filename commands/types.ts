import type { z } from 'zod';
import type { Actor } from '../src/domain/actor';
import type { Reply } from '../src/domain/card';
import type { Permission } from '../src/permissions/permissions';
import type { FactoryService, Origin } from '../src/runner/factory-service';

/** One option of a command, with what every platform needs to register and parse it. */
export interface OptionSpec {
  /** 1-32 lowercase characters (Discord's rule, the strictest). */
  name: string;
  /** 1-100 characters. */
  description: string;
  type: 'string' | 'integer' | 'boolean';
  required: boolean;
  autocomplete?: 'template' | 'run' | 'gate' | 'block';
  choices?: readonly string[];
  /** In typed text, this option takes the rest of the line (a reason, a note). */
  rest?: boolean;
  maxLength?: number;
}

export interface CommandContext {
  actor: Actor;
  origin: Origin;
  now: Date;
  service: FactoryService;
  publicBaseUrl?: string;
  /** The other commands, for help. */
  commands: readonly AnyCommand[];
}

export interface CommandDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  /** Usage line shown in help and in argument errors, e.g. "run <template> [name] [key=value ...] [simulate]". */
  usage: string;
  /** The permission it needs; the service checks it again (and gate-specific rules). */
  permission: Permission;
  options: readonly OptionSpec[];
  /** Validates the raw arguments (from Discord options or parsed text) into typed ones. */
  schema: S;
  /** Optional text parser for commands whose typed form is not plain positional. */
  parseText?: (tokens: string[]) => Record<string, unknown>;
  handle(ctx: CommandContext, args: z.output<S>): Promise<Reply>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a registry holds commands of every argument type
export type AnyCommand = CommandDefinition<any>;

/** Keeps the handler's argument type tied to its schema. */
export function defineCommand<S extends z.ZodType>(definition: CommandDefinition<S>): CommandDefinition<S> {
  return definition;
}
