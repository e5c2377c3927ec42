/**
 * Approximate list prices in USD per million tokens, by model family. They are estimates for
 * dashboards and budgets, not billing: check the Anthropic pricing page and pass `prices` to the
 * executor when they change. Cache writes cost 1.25x input and cache reads 0.1x input.
 */
export interface ModelPrice {
  inputPerMTok: number;
  outputPerMTok: number;
}

export const DEFAULT_PRICES: Readonly<Record<string, ModelPrice>> = {
  opus: { inputPerMTok: 5, outputPerMTok: 25 },
  sonnet: { inputPerMTok: 3, outputPerMTok: 15 },
  haiku: { inputPerMTok: 1, outputPerMTok: 5 },
};

export interface TokenUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

/** The family key of a model id ("claude-sonnet-5-5" -> "sonnet"), or null when no price matches. */
export function priceFor(model: string, prices: Readonly<Record<string, ModelPrice>> = DEFAULT_PRICES): ModelPrice | null {
  const family = Object.keys(prices).find((f) => model.includes(f));
  return family ? prices[family]! : null;
}

/** Estimated cost of one response, rounded to a millionth of a dollar; 0 for an unknown family. */
export function estimateCostUsd(model: string, usage: TokenUsage, prices: Readonly<Record<string, ModelPrice>> = DEFAULT_PRICES): number {
  const price = priceFor(model, prices);
  if (!price) return 0;
  const inputEquivalent =
    usage.input_tokens + 1.25 * (usage.cache_creation_input_tokens ?? 0) + 0.1 * (usage.cache_read_input_tokens ?? 0);
  const usd = (inputEquivalent * price.inputPerMTok + usage.output_tokens * price.outputPerMTok) / 1_000_000;
  return Math.round(usd * 1_000_000) / 1_000_000;
}
