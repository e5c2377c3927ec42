import { describe, expect, it } from 'vitest';
import { DEFAULT_FALLBACK, DEFAULT_MODELS, resolveModelChain } from '../../../src/executors/anthropic-models';
import { DEFAULT_PRICES, estimateCostUsd } from '../../../src/executors/anthropic-pricing';
import { rejectionOf } from './fixtures';

describe('resolveModelChain', () => {
  it('GIVEN opus THEN the default chain is opus, sonnet, haiku', () => {
    expect(resolveModelChain('opus', DEFAULT_MODELS, DEFAULT_FALLBACK).map((s) => s.alias)).toEqual(['opus', 'sonnet', 'haiku']);
  });

  it('GIVEN a role alias THEN it maps to a model and falls back along roles', () => {
    const chain = resolveModelChain('architect', DEFAULT_MODELS, DEFAULT_FALLBACK);
    expect(chain.map((s) => s.alias)).toEqual(['architect', 'coder', 'fast']);
    expect(chain[0]!.model).toBe(DEFAULT_MODELS.opus);
  });

  it('GIVEN a cycle or repeated model ids THEN each model is tried once', () => {
    const chain = resolveModelChain('a', { a: 'claude-x', b: 'claude-y', c: 'claude-x' }, { a: 'b', b: 'c', c: 'a' });
    expect(chain).toEqual([
      { alias: 'a', model: 'claude-x' },
      { alias: 'b', model: 'claude-y' },
    ]);
  });

  it('GIVEN a model id instead of an alias THEN it is used as is, without fallback', () => {
    expect(resolveModelChain('claude-sonnet-4-6', DEFAULT_MODELS, DEFAULT_FALLBACK)).toEqual([{ alias: 'claude-sonnet-4-6', model: 'claude-sonnet-4-6' }]);
  });

  it('GIVEN an unknown alias THEN a non-retryable error lists the known ones', async () => {
    const err = await rejectionOf(Promise.resolve().then(() => resolveModelChain('opsu', DEFAULT_MODELS, DEFAULT_FALLBACK)));
    expect(err).toMatchObject({ code: 'invalid_model', retryable: false });
    expect(err.message).toContain('opus, sonnet, haiku');
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
