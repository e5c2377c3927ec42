import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExecutorError } from '../../../src/domain/executor';
import { SimulateExecutor } from '../../../src/executors/simulate.executor';
import { makeBlock, makeCtx, makeJob, rejectionOf } from './fixtures';

const tester = makeBlock({
  id: 'clone-tester',
  name: 'Clone tester',
  type: 'validate',
  runtime: 'simulate',
  outputs: {
    artifacts: [
      { key: 'test-results', format: 'json' },
      { key: 'audit-sheet', format: 'md' },
      { key: 'report-html', format: 'html' },
      { key: 'link', format: 'url' },
    ],
    metrics: [
      { key: 'score', type: 'score' },
      { key: 'scenarios', type: 'count' },
    ],
  },
  threshold: { metric: 'score', min: 0.85 },
});

describe('SimulateExecutor', () => {
  afterEach(() => void vi.useRealTimers());

  it('GIVEN the same seed, block and attempt THEN the result is identical', async () => {
    const exec = new SimulateExecutor({ timeScale: 0 });
    const a = await exec.execute(makeJob(tester, { seed: 's1', attempt: 2 }), makeCtx());
    const b = await exec.execute(makeJob(tester, { seed: 's1', attempt: 2 }), makeCtx());
    expect(a.result).toEqual(b.result);
    expect(a.artifacts).toEqual(b.artifacts);
  });

  it('GIVEN no configured scores THEN the score is drawn in [0.86, 0.99] and differs by seed', async () => {
    const exec = new SimulateExecutor({ timeScale: 0 });
    const scores = new Set<number>();
    for (let i = 0; i < 30; i++) {
      const { result } = await exec.execute(makeJob(tester, { seed: `seed-${i}` }), makeCtx());
      expect(result.metrics.score).toBeGreaterThanOrEqual(0.86);
      expect(result.metrics.score).toBeLessThanOrEqual(0.99);
      scores.add(result.metrics.score!);
    }
    expect(scores.size).toBeGreaterThan(10);
  });

  it('GIVEN scores [0.7, 0.8, 0.9] THEN attempts get them in order and the last repeats, on the threshold metric', async () => {
    const block = makeBlock({ ...tester, simulate: { scores: [0.7, 0.8, 0.9] }, outputs: { artifacts: [], metrics: [] } });
    const exec = new SimulateExecutor({ timeScale: 0 });
    const got = [];
    for (const attempt of [1, 2, 3, 4]) got.push((await exec.execute(makeJob(block, { attempt }), makeCtx())).result.metrics.score);
    expect(got).toEqual([0.7, 0.8, 0.9, 0.9]);
  });

  it('GIVEN declared artifacts THEN each is produced, valid in its format, naming block, key, run and attempt', async () => {
    const exec = new SimulateExecutor({ timeScale: 0 });
    const { result, artifacts } = await exec.execute(makeJob(tester, { runId: 'run-42', attempt: 3 }), makeCtx());
    expect(result.status).toBe('COMPLETE');
    expect(artifacts.map((a) => a.key)).toEqual(['test-results', 'audit-sheet', 'report-html', 'link']);
    const byKey = Object.fromEntries(artifacts.map((a) => [a.key, a.content!]));
    expect(JSON.parse(byKey['test-results']!)).toMatchObject({ title: 'Clone tester', run_id: 'run-42', attempt: 3 });
    expect(byKey['audit-sheet']).toContain('# Clone tester\n\nSimulated audit-sheet for run run-42, attempt 3');
    expect(byKey['report-html']).toMatch(/^<!doctype html>[\s\S]*<h1>Clone tester<\/h1>/);
    expect(new URL(byKey.link!).hostname).toBe('simulated.invalid');
    expect(result.artifacts).toEqual(byKey);
    expect(Number.isInteger(result.metrics.scenarios)).toBe(true);
  });

  it('GIVEN feedback THEN the artifacts mention the revision', async () => {
    const exec = new SimulateExecutor({ timeScale: 0 });
    const { artifacts } = await exec.execute(makeJob(tester, { attempt: 2, feedback: 'tighten the rubric' }), makeCtx());
    expect(artifacts.find((a) => a.key === 'audit-sheet')!.content).toContain('Revised after feedback: tighten the rubric');
  });

  it('GIVEN clarify THEN the first attempt without feedback asks, and an answered attempt completes', async () => {
    const block = makeBlock({ ...tester, simulate: { clarify: 'Which market first?' } });
    const exec = new SimulateExecutor({ timeScale: 0 });
    const first = await exec.execute(makeJob(block), makeCtx());
    expect(first.result).toMatchObject({ status: 'NEEDS_CLARIFICATION', clarification_needed: 'Which market first?' });
    expect(first.artifacts).toEqual([]);
    const answered = await exec.execute(makeJob(block, { attempt: 2, feedback: 'EU' }), makeCtx());
    expect(answered.result.status).toBe('COMPLETE');
  });

  it('GIVEN failure_rate 1 THEN every attempt fails with a retryable error; 0 never fails', async () => {
    const exec = new SimulateExecutor({ timeScale: 0 });
    const failing = makeBlock({ ...tester, simulate: { failure_rate: 1 } });
    const err = await rejectionOf(exec.execute(makeJob(failing), makeCtx()));
    expect(err).toBeInstanceOf(ExecutorError);
    expect(err).toMatchObject({ retryable: true, code: 'simulated_failure' });
    const never = makeBlock({ ...tester, simulate: { failure_rate: 0 } });
    for (let i = 0; i < 20; i++) await exec.execute(makeJob(never, { seed: `s${i}` }), makeCtx());
  });

  it('GIVEN failure_rate 0.5 THEN some seeds fail, some pass, and each seed decides the same way twice', async () => {
    const exec = new SimulateExecutor({ timeScale: 0 });
    const block = makeBlock({ ...tester, simulate: { failure_rate: 0.5 } });
    const outcome = async (seed: string) => exec.execute(makeJob(block, { seed }), makeCtx()).then(() => 'ok', () => 'fail');
    const seeds = Array.from({ length: 40 }, (_, i) => `seed-${i}`);
    const first = await Promise.all(seeds.map(outcome));
    const second = await Promise.all(seeds.map(outcome));
    expect(second).toEqual(first);
    expect(first).toContain('ok');
    expect(first).toContain('fail');
  });

  it('GIVEN duration 10m and timeScale 0.5 THEN it finishes after exactly 5 simulated minutes', async () => {
    vi.useFakeTimers();
    const block = makeBlock({ ...tester, simulate: { duration: '10m' } });
    let done = false;
    const running = new SimulateExecutor({ timeScale: 0.5 }).execute(makeJob(block), makeCtx()).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(299_999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await running;
    expect(done).toBe(true);
  });

  it('GIVEN a long simulated block WHEN the signal aborts THEN it rejects at once with an abort error', async () => {
    vi.useFakeTimers();
    const block = makeBlock({ ...tester, simulate: { duration: '1h' } });
    const ctx = makeCtx();
    const running = rejectionOf(new SimulateExecutor().execute(makeJob(block), ctx));
    await vi.advanceTimersByTimeAsync(1_000);
    ctx.controller.abort(new Error('run cancelled'));
    const err = await running;
    expect(err).toMatchObject({ code: 'aborted', retryable: false });
    expect(err.message).toContain('run cancelled');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('GIVEN an already aborted signal THEN it rejects without waiting', async () => {
    const ctx = makeCtx();
    ctx.controller.abort();
    const err = await rejectionOf(new SimulateExecutor().execute(makeJob(tester), ctx));
    expect(err).toMatchObject({ code: 'aborted' });
  });

  it('GIVEN a negative timeScale THEN construction fails', () => {
    expect(() => new SimulateExecutor({ timeScale: -1 })).toThrow(RangeError);
  });
});
