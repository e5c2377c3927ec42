import { describe, expect, it } from 'vitest';
import type { AttemptOutcome } from '../../../src/domain/run';
import { MAX_CLARIFICATIONS } from '../../../src/engine/limits';
import { nextActions } from '../../../src/engine/next-actions';
import type { BlockInput } from '../../../src/schema/block';
import { NOW, block, snapshot, state, template } from './support/build';

const scored: Partial<BlockInput> = {
  outputs: { artifacts: [{ key: 'out', format: 'md' }], metrics: [{ key: 'score', type: 'score' }] },
  threshold: { metric: 'score', min: 0.85 },
};

function finished(outcome: AttemptOutcome, fields: { attempts?: number; retries?: number; clarifications?: number } = {}, spec: Partial<BlockInput> = {}) {
  const tpl = template([block('a', spec)]);
  return nextActions(snapshot(tpl, [state('a', { status: 'running', attempts: 1, ...fields, outcome })]), NOW);
}

describe('nextActions for a finished attempt', () => {
  it('GIVEN a running block without an outcome THEN nothing happens (the attempt is in flight)', () => {
    const tpl = template([block('a')]);
    expect(nextActions(snapshot(tpl, [state('a', { status: 'running', attempts: 1 })]), NOW)).toEqual([]);
  });

  it('GIVEN a ready block THEN the engine leaves it to the runner', () => {
    const tpl = template([block('a')]);
    expect(nextActions(snapshot(tpl, [state('a', { status: 'ready', attempts: 1 })]), NOW)).toEqual([]);
  });

  it('GIVEN a complete outcome and no gate THEN the block completes with its score', () => {
    expect(finished({ kind: 'complete', metrics: { score: 0.9 } })).toEqual([{ type: 'complete-block', blockId: 'a', score: 0.9 }]);
  });

  it('GIVEN a complete outcome without metrics THEN the score is null', () => {
    expect(finished({ kind: 'complete', metrics: {} })).toEqual([{ type: 'complete-block', blockId: 'a', score: null }]);
  });

  it('GIVEN a score at the threshold THEN the block completes', () => {
    expect(finished({ kind: 'complete', metrics: { score: 0.85 } }, {}, scored)).toEqual([{ type: 'complete-block', blockId: 'a', score: 0.85 }]);
  });

  it('GIVEN a score below the threshold with retries left THEN the block is retried, saying why', () => {
    expect(finished({ kind: 'complete', metrics: { score: 0.72 } }, {}, scored)).toEqual([
      { type: 'retry-block', blockId: 'a', attempt: 2, reason: 'score 0.72 is below the minimum 0.85 (retry 1 of 2)' },
    ]);
  });

  it('GIVEN a missing threshold metric with retries left THEN the block is retried', () => {
    const [action] = finished({ kind: 'complete', metrics: {} }, {}, scored);
    expect(action).toMatchObject({ type: 'retry-block', attempt: 2 });
    expect(action).toHaveProperty('reason', 'metric `score` was not reported (it must be at least 0.85) (retry 1 of 2)');
  });

  it('GIVEN a score below the threshold after the last retry THEN the block fails', () => {
    expect(finished({ kind: 'complete', metrics: { score: 0.8 } }, { attempts: 3, retries: 2 }, scored)).toEqual([
      { type: 'fail-block', blockId: 'a', reason: 'score 0.80 stayed below 0.85 after 3 attempts' },
    ]);
  });

  it('GIVEN a score a hair below the threshold THEN the sentence shows the difference', () => {
    const [action] = finished({ kind: 'complete', metrics: { score: 0.849 } }, { attempts: 3, retries: 2 }, scored);
    expect(action).toHaveProperty('reason', 'score 0.849 stayed below 0.85 after 3 attempts');
  });

  it('GIVEN a below-threshold score on a non-retryable block THEN it fails at once', () => {
    const [action] = finished({ kind: 'complete', metrics: { score: 0.1 } }, {}, { ...scored, retryable: false });
    expect(action).toEqual({ type: 'fail-block', blockId: 'a', reason: 'score 0.10 stayed below 0.85 after 1 attempt' });
  });

  it('GIVEN a retryable failure with retries left THEN the block is retried', () => {
    expect(finished({ kind: 'failed', error: 'rate limited', retryable: true })).toEqual([
      { type: 'retry-block', blockId: 'a', attempt: 2, reason: 'rate limited (retry 1 of 2)' },
    ]);
  });

  it('GIVEN a failure the executor says is not retryable THEN the block fails', () => {
    expect(finished({ kind: 'failed', error: 'bad prompt', retryable: false })).toEqual([{ type: 'fail-block', blockId: 'a', reason: 'bad prompt' }]);
  });

  it('GIVEN a retryable failure on a block with retryable false THEN the block fails', () => {
    expect(finished({ kind: 'failed', error: 'boom', retryable: true }, {}, { retryable: false })).toEqual([{ type: 'fail-block', blockId: 'a', reason: 'boom' }]);
  });

  it('GIVEN a retryable failure with no retries left THEN the block fails, counting attempts', () => {
    expect(finished({ kind: 'failed', error: 'boom', retryable: true }, { attempts: 3, retries: 2 })).toEqual([
      { type: 'fail-block', blockId: 'a', reason: 'boom (after 3 attempts)' },
    ]);
  });

  it('GIVEN a timeout with retries left THEN it is retried like a retryable failure', () => {
    expect(finished({ kind: 'timeout', error: 'no answer in 5m' })).toEqual([
      { type: 'retry-block', blockId: 'a', attempt: 2, reason: 'timed out: no answer in 5m (retry 1 of 2)' },
    ]);
  });

  it('GIVEN a timeout with max_retries 0 THEN the block fails', () => {
    expect(finished({ kind: 'timeout', error: 'slow' }, {}, { max_retries: 0 })).toEqual([{ type: 'fail-block', blockId: 'a', reason: 'timed out: slow' }]);
  });

  it('GIVEN a question from the agent THEN a clarification gate opens that always waits for a person', () => {
    const actions = nextActions(
      snapshot(template([block('a')]), [state('a', { status: 'running', attempts: 2, outcome: { kind: 'needs_clarification', question: 'Which brand?' } })], [], { '*': 'auto' }),
      NOW,
    );
    expect(actions).toEqual([
      { type: 'open-gate', blockId: 'a', position: 'after', kind: 'clarification', attempt: 2, mode: 'gate', question: 'Which brand?' },
    ]);
  });

  it(`GIVEN ${MAX_CLARIFICATIONS} clarifications already THEN another question fails the block`, () => {
    const [action] = finished({ kind: 'needs_clarification', question: 'Again?' }, { clarifications: MAX_CLARIFICATIONS });
    expect(action).toEqual({ type: 'fail-block', blockId: 'a', reason: 'asked for clarification 3 times already; the last question was: Again?' });
  });

  it('GIVEN a blocked agent THEN the block fails with the blockers', () => {
    expect(finished({ kind: 'blocked', blockers: ['no API key', 'repo missing'] })).toEqual([
      { type: 'fail-block', blockId: 'a', reason: 'the agent is blocked: no API key; repo missing' },
    ]);
  });

  it('GIVEN a complete outcome and an after-gate THEN the gate opens for this attempt', () => {
    expect(finished({ kind: 'complete', metrics: {} }, { attempts: 2 }, { human_gate: 'after' })).toEqual([
      { type: 'open-gate', blockId: 'a', position: 'after', kind: 'approval', attempt: 2, mode: 'gate' },
    ]);
  });

  it('GIVEN a complete outcome on a gateless block in a first run ("*": "gate") THEN an after-gate opens', () => {
    const tpl = template([block('a')]);
    const snap = snapshot(tpl, [state('a', { status: 'running', attempts: 1, outcome: { kind: 'complete', metrics: {} } })], [], { '*': 'gate' });
    expect(nextActions(snap, NOW)).toEqual([{ type: 'open-gate', blockId: 'a', position: 'after', kind: 'approval', attempt: 1, mode: 'gate' }]);
  });

  it('GIVEN an auto override on an after-gate THEN the gate is still emitted, in auto mode', () => {
    const tpl = template([block('a', { human_gate: 'after' })]);
    const snap = snapshot(tpl, [state('a', { status: 'running', attempts: 1, outcome: { kind: 'complete', metrics: {} } })], [], { a: 'auto' });
    expect(nextActions(snap, NOW)).toEqual([{ type: 'open-gate', blockId: 'a', position: 'after', kind: 'approval', attempt: 1, mode: 'auto' }]);
  });

  it('GIVEN a below-threshold score and an after-gate THEN the retry comes first, the gate never opens', () => {
    const [action] = finished({ kind: 'complete', metrics: { score: 0.5 } }, {}, { ...scored, human_gate: 'after' });
    expect(action?.type).toBe('retry-block');
  });
});
