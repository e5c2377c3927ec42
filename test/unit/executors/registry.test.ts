import { describe, expect, it } from 'vitest';
import { ExecutorError } from '../../../src/domain/executor';
import { createExecutorRegistry } from '../../../src/executors/registry';
import { WebhookCallbacks } from '../../../src/executors/webhook-callbacks';
import { makeBlock, makeCtx, makeJob, rejectionOf } from './fixtures';

function getError(fn: () => unknown): ExecutorError {
  try {
    fn();
  } catch (e) {
    return e as ExecutorError;
  }
  throw new Error('expected a throw');
}

describe('createExecutorRegistry', () => {
  it('GIVEN no options THEN only simulate is available', () => {
    const registry = createExecutorRegistry();
    expect(registry.available()).toEqual(['simulate']);
    expect(registry.get('simulate').runtime).toBe('simulate');
  });

  it('GIVEN runtime manual THEN get explains that a person completes it', () => {
    const err = getError(() => createExecutorRegistry({ shell: {} }).get('manual'));
    expect(err).toBeInstanceOf(ExecutorError);
    expect(err).toMatchObject({ code: 'manual_runtime', retryable: false });
    expect(err.message).toContain('task gate');
  });

  it('GIVEN no anthropic options THEN get says how to set the key or rehearse', () => {
    const err = getError(() => createExecutorRegistry().get('anthropic'));
    expect(err).toMatchObject({ code: 'not_configured', retryable: false });
    expect(err.message).toBe('ANTHROPIC_API_KEY is not set: add it to .env, or rehearse with `/factory run <template> simulate`');
  });

  it('GIVEN anthropic options without a key THEN the executor exists and fails the block as not configured', async () => {
    const exec = createExecutorRegistry({ anthropic: {} }).get('anthropic');
    const err = await rejectionOf(exec.execute(makeJob(makeBlock()), makeCtx()));
    expect(err).toMatchObject({ code: 'not_configured', retryable: false });
  });

  it('GIVEN shell and webhook options THEN all four executors are available', () => {
    const registry = createExecutorRegistry({
      shell: {},
      anthropic: { apiKey: 'k' },
      webhook: { secret: 's', callbackUrl: 'http://127.0.0.1/callbacks/webhook', callbacks: new WebhookCallbacks({ secret: 's' }) },
    });
    expect(registry.available().sort()).toEqual(['anthropic', 'shell', 'simulate', 'webhook']);
    expect(registry.get('webhook').runtime).toBe('webhook');
  });

  it('GIVEN no shell or webhook options THEN get names what to configure', () => {
    const registry = createExecutorRegistry();
    expect(getError(() => registry.get('shell')).message).toContain('shell runtime is switched off');
    expect(getError(() => registry.get('webhook')).message).toContain('WEBHOOK_SECRET');
  });
});
