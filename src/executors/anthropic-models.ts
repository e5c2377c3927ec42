import { ExecutorError } from '../domain/executor';
import { DEFAULT_MODEL_ALIASES, isModelId } from '../schema/model-aliases';

export { DEFAULT_MODEL_ALIASES };

/** The alias blocks run on when they name no model (and the config names no other). */
export const DEFAULT_MODEL_ALIAS = 'factory/coder';

export interface ModelStep {
  /** The alias as written (or the model id when the block names one directly). */
  alias: string;
  model: string;
}

/**
 * The ordered models to try for `name`: its alias chain (the first model answers, the next ones
 * take over on a transient failure), or a model id alone. Repeated ids are tried once (trying the
 * same overloaded model twice helps nobody). Anything else is a template mistake, refused at
 * validation; the error here is the last line of defence.
 */
export function resolveModelChain(name: string, aliases: Readonly<Record<string, readonly string[]>>): ModelStep[] {
  const models = aliases[name] ?? (isModelId(name) ? [name] : undefined);
  if (!models) {
    throw new ExecutorError(
      `unknown model alias "${name}": use one of ${Object.keys(aliases).join(', ')}, or a model id such as "${aliases[DEFAULT_MODEL_ALIAS]?.[0] ?? 'claude-…'}"`,
      false,
      'invalid_model',
    );
  }
  return [...new Set(models)].map((model) => ({ alias: name, model }));
}
