import { ExecutorError } from '../domain/executor';

/**
 * Model aliases a template may name, and the model ids they stand for. The role aliases of the
 * software-factory design (architect: strong reasoning, coder, fast, cheap) map onto families.
 * Override any of them through the executor's `models` option.
 */
export const DEFAULT_MODELS: Readonly<Record<string, string>> = {
  opus: 'claude-opus-5-5',
  sonnet: 'claude-sonnet-5-5',
  haiku: 'claude-haiku-5-5',
  architect: 'claude-opus-5-5',
  coder: 'claude-sonnet-5-5',
  fast: 'claude-haiku-5-5',
  cheap: 'claude-haiku-5-5',
};

/** Where a transient failure (429, 529, 5xx, connection) sends the attempt next; undefined ends the chain. */
export const DEFAULT_FALLBACK: Readonly<Record<string, string | undefined>> = {
  opus: 'sonnet',
  sonnet: 'haiku',
  architect: 'coder',
  coder: 'fast',
};

export interface ModelStep {
  /** The alias as written (or the model id when the block names one directly). */
  alias: string;
  model: string;
}

/**
 * The ordered models to try for `start`: its own model, then the fallback chain. Cycles and
 * repeated model ids are skipped (trying the same overloaded model twice helps nobody).
 * A name that is neither an alias nor a model id ("claude-…") is a template mistake.
 */
export function resolveModelChain(
  start: string,
  models: Readonly<Record<string, string>>,
  fallback: Readonly<Record<string, string | undefined>>,
): ModelStep[] {
  const chain: ModelStep[] = [];
  const seenAliases = new Set<string>();
  for (let alias: string | undefined = start; alias !== undefined && !seenAliases.has(alias); alias = fallback[alias]) {
    seenAliases.add(alias);
    const model = models[alias] ?? (alias.startsWith('claude-') ? alias : undefined);
    if (model === undefined) {
      if (chain.length === 0) {
        throw new ExecutorError(
          `unknown model alias "${alias}": use one of ${Object.keys(models).join(', ')}, or a model id such as "${models.sonnet ?? 'claude-…'}"`,
          false,
          'invalid_model',
        );
      }
      break;
    }
    if (!chain.some((s) => s.model === model)) chain.push({ alias, model });
  }
  return chain;
}
