import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_ALIASES, resolveModelChain } from '../../../src/executors/anthropic-models';
import { MODEL_IDS } from '../../../src/schema/model-aliases';
import { DEFAULT_PRICES, estimateCostUsd } from '../../../src/executors/anthropic-pricing';
import { rejectionOf } from './fixtures';

describe('resolveModelChain', () => {
  it('GIVEN factory/architect THEN the default chain is opus, sonnet, haiku', () => {
    expect(resolveModelChain('factory/architect', DEFAULT_MODEL_ALIASES).map((s) => s.model)).toEqual([MODEL_IDS.opus, MODEL_IDS.sonnet, MODEL_IDS.haiku]);
  });

  it('GIVEN each role alias THEN it starts on the model the design gives it', () => {
    expect(resolveModelChain('factory/coder', DEFAULT_MODEL_ALIASES)[0]!.model).toBe(MODEL_IDS.sonnet);
    expect(resolveModelChain('factory/fast', DEFAULT_MODEL_ALIASES).map((s) => s.model)).toEqual([MODEL_IDS.haiku]);
    expect(resolveModelChain('factory/cheap', DEFAULT_MODEL_ALIASES).map((s) => s.model)).toEqual([MODEL_IDS.haiku]);
    expect(resolveModelChain('opus', DEFAULT_MODEL_ALIASES).map((s) => s.alias)).toEqual(['opus', 'opus', 'opus']);
  });

  it('GIVEN a chain that repeats a model id THEN each model is tried once', () => {
    expect(resolveModelChain('a', { a: ['claude-x', 'claude-y', 'claude-x'] })).toEqual([
      { alias: 'a', model: 'claude-x' },
      { alias: 'a', model: 'claude-y' },
    ]);
  });

  it('GIVEN a model id instead of an alias THEN it is used as is, without fallback', () => {
    expect(resolveModelChain('claude-sonnet-4-6', DEFAULT_MODEL_ALIASES)).toEqual([{ alias: 'claude-sonnet-4-6', model: 'claude-sonnet-4-6' }]);
  });

  it('GIVEN an unknown alias THEN a non-retryable error lists the known ones', async () => {
    const err = await rejectionOf(Promise.resolve().then(() => resolveModelChain('opsu', DEFAULT_MODEL_ALIASES)));
    expect(err).toMatchObject({ code: 'invalid_model', retryable: false });
    expect(err.message).toContain('factory/architect, factory/coder');
  });
});

describe('estimateCostUsd', () => {
  it('GIVEN a million input and output tokens THEN it prices by family', () => {
    const usage = { input_tokens: 1_000_000, output_tokens: 1_000_000 };
    const p = DEFAULT_PRICES;
    expect(estimateCostUsd('claude-sonnet-5-5', usage)).toBe(p.sonnet!.inputPerMTok + p.sonnet!.outputPerMTok);
    expect(estimateCostUsd('claude-opus-5-5', usage)).toBe(p.opus!.inputPerMTok + p.opus!.outputPerMTok);
  });

  it('GIVEN cache reads and writes THEN they cost 0.1x and 1.25x input', () => {
    const usage = { input_tokens: 0, output_tokens: 0, cache_read_input_tokens: 1_000_000, cache_creation_input_tokens: 1_000_000 };
    expect(estimateCostUsd('claude-haiku-5-5', usage, { haiku: { inputPerMTok: 1, outputPerMTok: 5 } })).toBe(1.35);
  });

  it('GIVEN an unknown family THEN the estimate is 0', () => {
    expect(estimateCostUsd('some-other-model', { input_tokens: 10, output_tokens: 10 })).toBe(0);
  });
});
