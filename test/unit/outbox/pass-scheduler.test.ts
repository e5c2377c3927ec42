import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PassScheduler } from '../../../src/outbox/pass-scheduler';

/** A pass function whose answers are scripted and whose calls can be held open. */
function scriptedPass(answers: Array<number | null | Error>) {
  let calls = 0;
  let hold: Promise<void> | undefined;
  let release: () => void = () => undefined;
  return {
    get calls() {
      return calls;
    },
    holdNext() {
      hold = new Promise<void>((r) => (release = r));
    },
    release: () => release(),
    pass: async (): Promise<number | null> => {
      calls += 1;
      const held = hold;
      hold = undefined;
      if (held) await held;
      const answer = answers.shift() ?? null;
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}

describe('PassScheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('GIVEN no known work THEN it passes at start and then once per poll', async () => {
    const script = scriptedPass([]);
    const scheduler = new PassScheduler({ pass: script.pass, pollMs: 10_000, onError: () => undefined });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(script.calls).toBe(1);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(script.calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(script.calls).toBe(2);
    await scheduler.stop();
  });

  it('GIVEN the pass knows when work falls due THEN the next pass comes then, never later than the poll', async () => {
    const script = scriptedPass([1_500, 60_000]);
    const scheduler = new PassScheduler({ pass: script.pass, pollMs: 10_000, onError: () => undefined });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(1_500);
    expect(script.calls).toBe(2);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(script.calls).toBe(3);
    await scheduler.stop();
  });

  it('GIVEN a pass that asks for more at once THEN the next one runs without waiting', async () => {
    const script = scriptedPass([0, 0, null]);
    const scheduler = new PassScheduler({ pass: script.pass, pollMs: 10_000, onError: () => undefined });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(script.calls).toBe(3);
    await scheduler.stop();
  });

  it('GIVEN wake-ups during a pass THEN they become exactly one more pass, never two at once', async () => {
    const script = scriptedPass([]);
    const scheduler = new PassScheduler({ pass: script.pass, pollMs: 10_000, onError: () => undefined });
    script.holdNext();
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    scheduler.trigger();
    scheduler.trigger();
    scheduler.trigger();
    expect(script.calls).toBe(1);
    script.release();
    await vi.advanceTimersByTimeAsync(0);
    expect(script.calls).toBe(2);
    await scheduler.stop();
  });

  it('GIVEN a pass that throws THEN the error is reported and the poll tries again', async () => {
    const errors: unknown[] = [];
    const script = scriptedPass([new Error('database unreachable')]);
    const scheduler = new PassScheduler({ pass: script.pass, pollMs: 5_000, onError: (err) => errors.push(err) });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(errors).toEqual([new Error('database unreachable')]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(script.calls).toBe(2);
    await scheduler.stop();
  });

  it('GIVEN a pass in progress WHEN stopped THEN stop waits for it and no pass follows', async () => {
    const script = scriptedPass([0]);
    const scheduler = new PassScheduler({ pass: script.pass, pollMs: 1_000, onError: () => undefined });
    script.holdNext();
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    script.release();
    await stopping;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(script.calls).toBe(1);
    scheduler.trigger();
    expect(script.calls).toBe(1);
  });
});
