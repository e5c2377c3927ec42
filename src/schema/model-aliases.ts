/**
 * Model aliases a template may name and the ordered chain of model ids each stands for: the first
 * answers, the next ones take over on overload (529), rate limits (429), server errors and
 * timeouts. The `factory/*` role aliases come from the software-factory design (architect: strong
 * reasoning, coder, fast, cheap); the short names are kept for existing templates. The config
 * file's `models.aliases` replaces or adds chains (src/config-file.ts).
 */
export const MODEL_IDS = { opus: 'claude-opus-5-5', sonnet: 'claude-sonnet-5-5', haiku: 'claude-haiku-5-5' } as const;

const strong = [MODEL_IDS.opus, MODEL_IDS.sonnet, MODEL_IDS.haiku];
const middle = [MODEL_IDS.sonnet, MODEL_IDS.haiku];
const small = [MODEL_IDS.haiku];

export const DEFAULT_MODEL_ALIASES: Readonly<Record<string, readonly string[]>> = {
  'factory/architect': strong,
  'factory/coder': middle,
  'factory/fast': small,
  'factory/cheap': small,
  opus: strong,
  sonnet: middle,
  haiku: small,
  architect: strong,
  coder: middle,
  fast: small,
  cheap: small,
};

/** A model id written directly in a template (no alias): tried alone. */
export function isModelId(name: string): boolean {
  return /^claude-[a-z0-9.-]+$/.test(name);
}
