import { describe, expect, it } from 'vitest';
import type { AttemptOutcome, BlockState } from '../../../src/domain/run';
import { applyActions } from '../../../src/engine/apply-action';
import { DEFAULT_REPAIR_ROUNDS, MAX_CLARIFICATION_HOPS } from '../../../src/engine/limits';
import { nextActions } from '../../../src/engine/next-actions';
import { runToFixpoint } from './support/run-to-fixpoint';
import { validateTemplate } from '../../../src/engine/validate-template';
import type { EngineAction, RunSnapshot } from '../../../src/engine/types';
import type { BlockInput } from '../../../src/schema/block';
import { NOW, block, gate, gateIds, snapshot, state, template } from './support/build';

const scored: Partial<BlockInput> = {
  outputs: { artifacts: [{ key: 'out', format: 'md' }], metrics: [{ key: 'score', type: 'score' }] },
  threshold: { metric: 'score', min: 0.85 },
};

/** Plays the runner: every ready block is claimed and finishes with `outcome`, until the run rests. */
function playRunner(start: RunSnapshot, outcome: (s: BlockState) => AttemptOutcome, maxRounds = 100): { snapshot: RunSnapshot; actions: EngineAction[] } {
  let current = start;
  const actions: EngineAction[] = [];
  const ids = gateIds();
  for (let i = 0; i < maxRounds; i++) {
    const settled = runToFixpoint(current, NOW, ids);
    actions.push(...settled.steps.flat());
    current = settled.snapshot;
    const ready = current.blocks.filter((b) => b.status === 'ready');
    if (ready.length === 0) break;
    current = { ...current, blocks: current.blocks.map((b) => (b.status === 'ready' ? { ...b, status: 'running', outcome: outcome(b) } : b)) };
  }
  return { snapshot: current, actions };
}

describe('bounded repair loops', () => {
  it('GIVEN a block with repair WHEN its score misses THEN it runs again as repair round 1 with the miss as its hint', () => {
    const tpl = template([block('a', { ...scored, repair: {} })]);
    const actions = nextActions(snapshot(tpl, [state('a', { status: 'running', attempts: 1, outcome: { kind: 'complete', metrics: { score: 0.6 } } })]), NOW);
    expect(actions).toEqual([
      {
        type: 'retry-block',
        blockId: 'a',
        attempt: 2,
        reason: `score 0.60 is below the minimum 0.85 (repair 1 of ${DEFAULT_REPAIR_ROUNDS})`,
        repair: { round: 1, maxRounds: DEFAULT_REPAIR_ROUNDS, feedback: 'score 0.60 is below the minimum 0.85' },
      },
    ]);
  });

  it('GIVEN an output that broke its declared shape THEN a block with repair gets a repair round, one without retries as before', () => {
    const outcome: AttemptOutcome = { kind: 'failed', error: 'the model returned COMPLETE without the declared artifact "out"', retryable: true, check: 'output' };
    const withRepair = nextActions(snapshot(template([block('a', { repair: { max_rounds: 2 } })]), [state('a', { status: 'running', attempts: 1, outcome })]), NOW);
    expect(withRepair[0]).toMatchObject({ type: 'retry-block', repair: { round: 1, maxRounds: 2, feedback: `the output failed its check: ${outcome.error}` } });
    const without = nextActions(snapshot(template([block('a')]), [state('a', { status: 'running', attempts: 1, outcome })]), NOW);
    expect(without[0]).toMatchObject({ type: 'retry-block', reason: `${outcome.error} (retry 1 of 2)` });
    expect(without[0]).not.toHaveProperty('repair');
  });

  it('GIVEN a score that never passes THEN the loop stops after max_rounds repair rounds, retries untouched, and the block fails', () => {
    const tpl = template([block('a', { ...scored, repair: { max_rounds: 3 } })]);
    const { snapshot: end, actions } = playRunner(snapshot(tpl), () => ({ kind: 'complete', metrics: { score: 0.5 } }));
    const a = end.blocks.find((b) => b.blockId === 'a')!;
    expect(a).toMatchObject({ status: 'failed', attempts: 4, repairs: 3, retries: 0 });
    expect(a.error).toBe('score 0.50 is below the minimum 0.85 (still failing after 3 repair rounds)');
    expect(actions.filter((x) => x.type === 'retry-block').map((x) => (x as { repair?: { round: number } }).repair?.round)).toEqual([1, 2, 3]);
  });

  it('GIVEN the default bound THEN at most 1 + 8 attempts, whatever happens', () => {
    const tpl = template([block('a', { ...scored, repair: {} })]);
    const { snapshot: end } = playRunner(snapshot(tpl), () => ({ kind: 'complete', metrics: { score: 0.1 } }));
    expect(end.blocks[0]).toMatchObject({ status: 'failed', attempts: 1 + DEFAULT_REPAIR_ROUNDS });
  });
});

describe('clarification protocol', () => {
  const asks: AttemptOutcome = { kind: 'needs_clarification', question: 'Which market?' };

  it('GIVEN fewer hops than the limit THEN the question opens a gate for the team', () => {
    const tpl = template([block('a', { clarification: { target: 'legal' } })]);
    const [action] = nextActions(snapshot(tpl, [state('a', { status: 'running', attempts: 1, outcome: asks })]), NOW);
    expect(action).toEqual({ type: 'open-gate', blockId: 'a', position: 'after', kind: 'clarification', attempt: 1, mode: 'gate', question: 'Which market?' });
  });

  it('GIVEN the hop limit reached THEN the next question goes straight to the escalation ladder', () => {
    const tpl = template([block('a', { clarification: { max_hops: 1 } })]);
    const [action] = nextActions(snapshot(tpl, [state('a', { status: 'running', attempts: 2, clarifications: 1, clarificationHops: 1, outcome: asks })]), NOW);
    expect(action).toMatchObject({ type: 'open-gate', kind: 'clarification', escalate: true });
  });

  it('GIVEN the per-objective request limit reached THEN the block fails naming the last question', () => {
    const tpl = template([block('a', { clarification: { max_requests: 2 } })]);
    const [action] = nextActions(snapshot(tpl, [state('a', { status: 'running', attempts: 3, clarifications: 2, outcome: asks })]), NOW);
    expect(action).toEqual({ type: 'fail-block', blockId: 'a', reason: 'asked for clarification 2 times already; the last question was: Which market?' });
  });

  it('GIVEN questions answered in a row THEN hops count up, the answer starts the next attempt, and a finished attempt resets them', () => {
    const tpl = template([block('a')]);
    let snap = applyActions(snapshot(tpl, [state('a', { status: 'running', attempts: 1, outcome: asks })]), nextActions(snapshot(tpl, [state('a', { status: 'running', attempts: 1, outcome: asks })]), NOW), () => 'q1');
    expect(snap.blocks[0]).toMatchObject({ status: 'waiting', clarifications: 1, clarificationHops: 1 });
    snap = { ...snap, gates: snap.gates.map((g) => ({ ...g, status: 'approved', reason: 'The EU.' })) };
    const resumed = nextActions(snap, NOW);
    expect(resumed).toEqual([
      { type: 'start-block', blockId: 'a', attempt: 2, cause: 'clarified', feedback: 'The EU.' },
      { type: 'settle-gate', gateId: 'q1' },
    ]);
    snap = applyActions(snap, resumed, () => 'x');
    snap = { ...snap, blocks: [{ ...snap.blocks[0]!, status: 'running', outcome: { kind: 'complete', metrics: {} } }] };
    snap = applyActions(snap, nextActions(snap, NOW), () => 'x');
    expect(snap.blocks[0]).toMatchObject({ status: 'done', clarificationHops: 0 });
  });

  it('GIVEN an agent that keeps asking THEN it is escalated at the hop limit and fails at the request limit', () => {
    const tpl = template([block('a')]);
    let snap = snapshot(tpl);
    const opened: EngineAction[] = [];
    const ids = gateIds('q');
    for (let round = 0; round < 10 && snap.blocks[0]!.status !== 'failed'; round++) {
      const settled = runToFixpoint(snap, NOW, ids);
      opened.push(...settled.steps.flat().filter((x) => x.type === 'open-gate'));
      snap = settled.snapshot;
      const a = snap.blocks[0]!;
      if (a.status === 'ready') snap = { ...snap, blocks: [{ ...a, status: 'running', outcome: asks }] };
      else if (a.status === 'waiting') snap = { ...snap, gates: snap.gates.map((g) => (g.status === 'pending' ? { ...g, status: 'approved', reason: 'ok' } : g)) };
    }
    expect(opened.map((g) => ('escalate' in g ? 'escalated' : 'asked'))).toEqual(['asked', 'asked', 'escalated']);
    expect(opened).toHaveLength(3);
    expect(MAX_CLARIFICATION_HOPS).toBe(2);
    expect(snap.blocks[0]).toMatchObject({ status: 'failed' });
  });
});

describe('budgets', () => {
  const spent = (costUsd: number, metered: number, extra: Partial<BlockState> = {}) => ({ costUsd, inputTokens: 1000 * metered, outputTokens: 0, meteredAttempts: metered, ...extra });

  it('GIVEN no budget anywhere THEN the engine starts blocks as before', () => {
    const tpl = template([block('a')]);
    expect(nextActions(snapshot(tpl), NOW)).toEqual([{ type: 'start-block', blockId: 'a', attempt: 1, cause: 'initial' }]);
  });

  it('GIVEN a run budget the next block would pass THEN it is readied and held by a budget gate in the same step, with the facts', () => {
    const tpl = template([block('a'), block('b', { deps: ['a'] }), block('c', { deps: ['b'] })], { budget: { cost_usd: 1 } });
    const snap = snapshot(tpl, [state('a', { status: 'done', attempts: 1, ...spent(0.8, 1) })]);
    const actions = nextActions(snap, NOW);
    expect(actions[0]).toEqual({ type: 'start-block', blockId: 'b', attempt: 1, cause: 'initial' });
    expect(actions[1]).toMatchObject({ type: 'open-gate', blockId: 'b', position: 'before', kind: 'budget', attempt: 1, mode: 'gate', budgetLimit: { scope: 'run', costUsd: 2.4 } });
    const question = (actions[1] as { question: string }).question;
    expect(question).toBe(
      'This run has spent $0.80 of its budget of $1.00. Next: b, estimated at $0.80. The 2 blocks still to run are estimated at $1.60 in all. Approve to go on with a budget of $2.40; reject to stop b.',
    );
    const held = applyActions(snap, actions, () => 'budget-1');
    expect(held.blocks.find((b) => b.blockId === 'b')).toMatchObject({ status: 'waiting', attempts: 1 });
  });

  it('GIVEN the budget gate approved THEN the held attempt is released and the new ceiling lets the rest run', () => {
    const tpl = template([block('a'), block('b', { deps: ['a'] })], { budget: { cost_usd: 1 } });
    const approved = gate('b', { id: 'budget-1', position: 'before', kind: 'budget', status: 'approved', attempt: 1, budgetLimit: { scope: 'run', costUsd: 1.6 } });
    const snap = snapshot(tpl, [state('a', { status: 'done', attempts: 1, ...spent(0.8, 1) }), state('b', { status: 'waiting', attempts: 1 })], [approved]);
    expect(nextActions(snap, NOW)).toEqual([
      { type: 'release-block', blockId: 'b', attempt: 1, gateId: 'budget-1' },
      { type: 'settle-gate', gateId: 'budget-1' },
    ]);
    const released = applyActions(snap, nextActions(snap, NOW), () => 'x');
    expect(released.blocks.find((b) => b.blockId === 'b')).toMatchObject({ status: 'ready' });
  });

  it('GIVEN the budget gate rejected THEN the block fails with the reason', () => {
    const tpl = template([block('a')], { budget: { cost_usd: 1 } });
    const rejected = gate('a', { id: 'budget-1', position: 'before', kind: 'budget', status: 'rejected', reason: 'too dear', attempt: 1 });
    expect(nextActions(snapshot(tpl, [state('a', { status: 'waiting', attempts: 1 })], [rejected]), NOW)[0]).toEqual({
      type: 'fail-block',
      blockId: 'a',
      reason: 'stopped at its budget: too dear',
      gateId: 'budget-1',
    });
  });

  it('GIVEN parallel blocks THEN each start counts against the budget, so the one that would pass it is held', () => {
    const tpl = template([block('a', { budget: { cost_usd: 0.4 } }), block('b', { budget: { cost_usd: 0.4 } }), block('c', { budget: { cost_usd: 0.4 } })], { budget: { cost_usd: 1 } });
    const actions = nextActions(snapshot(tpl), NOW);
    expect(actions.map((a) => `${a.type}:${'blockId' in a ? a.blockId : ''}`)).toEqual(['start-block:a', 'start-block:b', 'start-block:c', 'open-gate:c']);
  });

  it('GIVEN a run budget in the run parameters THEN it wins over the template', () => {
    const tpl = template([block('a'), block('b', { deps: ['a'] })], { budget: { cost_usd: 100 } });
    const snap = { ...snapshot(tpl, [state('a', { status: 'done', attempts: 1, ...spent(0.8, 1) })]), params: { budget_usd: 1 } };
    expect(nextActions(snap, NOW).map((a) => a.type)).toEqual(['start-block', 'open-gate']);
  });

  it('GIVEN a token budget THEN tokens are counted too', () => {
    const tpl = template([block('a'), block('b', { deps: ['a'] })], { budget: { tokens: 1500 } });
    const actions = nextActions(snapshot(tpl, [state('a', { status: 'done', attempts: 1, ...spent(0, 1) })]), NOW);
    expect(actions[1]).toMatchObject({ kind: 'budget', budgetLimit: { scope: 'run', tokens: 2000 } });
    expect((actions[1] as { question: string }).question).toContain('has spent 1000 tokens of its budget of 1500 tokens');
  });

  it('GIVEN a block budget its retry would pass THEN the retry is held by a block-scope budget gate', () => {
    const tpl = template([block('a', { ...scored, budget: { cost_usd: 0.5 } })]);
    const actions = nextActions(snapshot(tpl, [state('a', { status: 'running', attempts: 1, ...spent(0.3, 1), outcome: { kind: 'complete', metrics: { score: 0.2 } } })]), NOW);
    expect(actions.map((a) => a.type)).toEqual(['retry-block', 'open-gate']);
    expect(actions[1]).toMatchObject({ attempt: 2, budgetLimit: { scope: 'block', costUsd: 0.6 } });
  });

  it('GIVEN the autonomy dial on auto THEN budget gates still wait for a person', () => {
    const tpl = template([block('a'), block('b', { deps: ['a'] })], { budget: { cost_usd: 1 } });
    const snap = snapshot(tpl, [state('a', { status: 'done', attempts: 1, ...spent(0.9, 1) })], [], { '*': 'auto' });
    expect(nextActions(snap, NOW)[1]).toMatchObject({ kind: 'budget', mode: 'gate' });
  });
});

describe('repair through a validation block', () => {
  const checked = (max = 2) => template([block('code', { repair: { max_rounds: max, validated_by: 'tests' } }), block('tests', { type: 'validate', deps: ['code'] })]);

  it('GIVEN the validation block fails THEN the block it checks runs a repair round with the finding, and the validator waits to check again', () => {
    const snap = snapshot(checked(), [
      state('code', { status: 'done', attempts: 1 }),
      state('tests', { status: 'running', attempts: 1, outcome: { kind: 'failed', error: '3 of 40 tests fail: parseDate', retryable: true } }),
    ]);
    const actions = nextActions(snap, NOW);
    expect(actions).toEqual([
      {
        type: 'retry-block',
        blockId: 'code',
        attempt: 2,
        reason: 'tests found: 3 of 40 tests fail: parseDate (repair 1 of 2)',
        repair: { round: 1, maxRounds: 2, feedback: 'tests found: 3 of 40 tests fail: parseDate' },
      },
      { type: 'reset-block', blockId: 'tests', reason: 'waits for code to be repaired (tests found: 3 of 40 tests fail: parseDate (repair 1 of 2))' },
    ]);
    const after = applyActions(snap, actions, () => 'x');
    expect(after.blocks.map((b) => [b.blockId, b.status, b.attempts])).toEqual([
      ['code', 'ready', 2],
      ['tests', 'pending', 1],
    ]);
  });

  it('GIVEN a validator that never passes THEN the loop ends after the checked block\'s repair rounds, with the validator failed', () => {
    const { snapshot: end } = playRunner(snapshot(checked(2)), (s) =>
      s.blockId === 'tests' ? { kind: 'failed', error: 'still red', retryable: true } : { kind: 'complete', metrics: {} },
    );
    const byId = Object.fromEntries(end.blocks.map((b) => [b.blockId, b]));
    expect(byId.code).toMatchObject({ status: 'done', attempts: 3, repairs: 2 });
    expect(byId.tests).toMatchObject({ status: 'failed', attempts: 3, error: 'still red (after 2 repair rounds of code)' });
    expect(end.status).toBe('failed');
  });

  it('GIVEN the validator passes after a repair THEN the run completes', () => {
    let testsRuns = 0;
    const { snapshot: end } = playRunner(snapshot(checked(2)), (s) =>
      s.blockId === 'tests' && ++testsRuns === 1 ? { kind: 'failed', error: 'red', retryable: true } : { kind: 'complete', metrics: {} },
    );
    expect(end.status).toBe('completed');
    expect(end.blocks.find((b) => b.blockId === 'code')).toMatchObject({ repairs: 1, attempts: 2 });
  });

  it('GIVEN validated_by naming a block that does not read this one THEN validation refuses it at its path', () => {
    const result = validateTemplate({
      id: 't',
      name: 't',
      blocks: [
        { id: 'code', name: 'code', type: 'build', runtime: 'simulate', repair: { validated_by: 'lint' } },
        { id: 'lint', name: 'lint', type: 'validate', runtime: 'simulate' },
      ],
    });
    expect(result.ok ? [] : result.issues).toEqual([
      { path: '$.blocks[0].repair.validated_by', message: "Block `code` is validated by `lint`, but `lint` does not depend on it; add `code` to `lint`'s `inputs.depends`." },
    ]);
  });
});
