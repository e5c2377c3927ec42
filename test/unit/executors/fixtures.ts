import type { ExecutorContext, ExecutorJob } from '../../../src/domain/executor';
import { blockSchema, type Block, type BlockInput } from '../../../src/schema/block';
import { parseDuration } from '../../../src/schema/duration';

/**
 * A valid block with the given fields (parsed, so defaults are filled in as the engine would). A
 * `timeout` is set after parsing: executor tests use sub-second timeouts that templates may not.
 */
export function makeBlock(fields: Partial<BlockInput> = {}): Block {
  const { timeout, ...rest } = fields;
  const block = blockSchema.parse({ id: 'demo-block', name: 'Demo block', type: 'build', ...rest });
  return timeout === undefined ? block : { ...block, timeout: parseDuration(timeout)! };
}

export function makeJob(block: Block, overrides: Partial<ExecutorJob> = {}): ExecutorJob {
  return { runId: 'run-1', blockRunId: 'br-1', block, attempt: 1, params: {}, inputs: {}, feedback: null, seed: 'seed-1', ...overrides };
}

export interface TestContext extends ExecutorContext {
  logs: Array<{ message: string; data?: Record<string, unknown> }>;
  controller: AbortController;
}

/** A context with its own abort controller and a log that records lines for assertions. */
export function makeCtx(): TestContext {
  const controller = new AbortController();
  const logs: TestContext['logs'] = [];
  return { signal: controller.signal, controller, logs, log: (message, data) => void logs.push({ message, data }) };
}

/** Awaits a promise expected to reject, and returns the error for detailed assertions. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & { code?: string; retryable?: boolean }> {
  try {
    await promise;
  } catch (e) {
    return e as Error & { code?: string; retryable?: boolean };
  }
  throw new Error('expected the promise to reject, but it resolved');
}
