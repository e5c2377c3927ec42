import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_FILE_CONFIG, parseFileConfig } from '../../../src/config-file';
import { describeBlockLine } from '../../../src/cards/block-line';
import { validateTemplate } from '../../../src/engine/validate-template';
import { EscalationSweep } from '../../../src/escalation/escalation-sweep';
import { silentLogger } from '../../../src/log';
import type { Template } from '../../../src/schema/template';
import { listAuditForRun } from '../../../src/store/audit.store';
import { listBlockAttempts } from '../../../src/store/block-attempts.store';
import { findBlockRun } from '../../../src/store/blocks.store';
import { listGatesForRun } from '../../../src/store/gates.store';
import { listOutboxForSubject } from '../../../src/store/outbox.store';
import { startFakeAnthropic, type FakeAnthropic } from '../../fakes/anthropic/server';
import { testDatabases, type TestDatabaseHandle } from '../../support/databases';
import { consoleActor, eventually, startFactory, type FactoryHarness } from '../../support/factory-harness';

const API_KEY = 'sk-ant-agent-blocks';
const origin = { platform: 'slack' as const, channelId: 'C0RUNS001' };
const config = parseFileConfig({
  channels: { legal: { slack: 'C0LEGAL01' }, tasks: { slack: 'C0TASKS01' }, alerts: { slack: 'C0ALERT01' } },
  models: { aliases: { 'factory/coder': ['claude-sonnet-test', 'claude-haiku-test'], 'factory/architect': ['claude-opus-test', 'claude-sonnet-test'] } },
  teams: { legal: { channel: 'legal', members: ['slack:user:U0LEGAL01'] } },
});

function agentBlock(id: string, fields: Record<string, unknown> = {}) {
  return { id, name: id, type: 'build', runtime: 'anthropic', model: 'factory/coder', outputs: { artifacts: [{ key: 'out', format: 'md' }] }, ...fields };
}

function tpl(id: string, blocks: object[], extra: object = {}): Template {
  const result = validateTemplate({ id, name: id, ...extra, blocks }, { modelAliases: Object.keys({ ...config.models.aliases, 'factory/fast': 1 }), teams: ['legal'] });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.template;
}

const TEMPLATES = [
  tpl('routed', [agentBlock('draft')]),
  tpl('budgeted', [agentBlock('first'), agentBlock('second', { inputs: { depends: [{ block: 'first', key: 'out' }] } })], { budget: { cost_usd: 0.01 } }),
  tpl('asking', [agentBlock('scope', { clarification: { target: 'legal', max_hops: 1, max_requests: 3 } })]),
  tpl('repairing', [
    agentBlock('essay', {
      outputs: { artifacts: [{ key: 'out', format: 'md' }], metrics: [{ key: 'score', type: 'score' }] },
      threshold: { metric: 'score', min: 0.8 },
      repair: { max_rounds: 2, model: 'factory/architect' },
    }),
  ]),
  tpl('shaping', [agentBlock('report', { repair: { max_rounds: 1 } })]),
  tpl('validated', [
    agentBlock('code', { repair: { max_rounds: 3, validated_by: 'tests' } }),
    agentBlock('tests', {
      type: 'validate',
      inputs: { depends: [{ block: 'code', key: 'out' }] },
      outputs: { artifacts: [{ key: 'out', format: 'md' }], metrics: [{ key: 'score', type: 'score' }] },
      threshold: { metric: 'score', min: 0.8 },
    }),
  ]),
];

// 1000 input + 1000 output tokens on a sonnet-family id: $0.003 + $0.015 = $0.018.
const usage = { input_tokens: 1000, output_tokens: 1000 };
const complete = (extra: object = {}) => ({ type: 'tool_use' as const, usage, input: { status: 'COMPLETE', artifacts: { out: 'text' }, ...extra } });

describe.each(testDatabases())('agent blocks against the fake Messages API on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  let factory: FactoryHarness;
  let fake: FakeAnthropic;

  beforeAll(async () => {
    database = await open();
    fake = await startFakeAnthropic({ apiKey: API_KEY });
    factory = await startFactory(database, {
      platforms: ['slack'],
      config: { ...EMPTY_FILE_CONFIG, ...config },
      templates: TEMPLATES,
      executors: { anthropic: { apiKey: API_KEY, baseURL: fake.url, aliases: config.models.aliases, readSkill: async () => null } },
    });
  });
  afterAll(async () => {
    await factory?.stop();
    await fake?.close();
    await database?.close();
  });

  const start = (templateId: string, params: Record<string, string> = {}) =>
    factory.service.createRun({ templateId, params, simulate: false, actor: consoleActor, origin });
  const settled = (runId: string) =>
    eventually(async () => {
      const run = await factory.service.getRun(runId);
      // The view reads blocks and gates in separate queries: wait until both tell the same story.
      const waiting = run.pendingGates.length > 0 && run.pendingGates.every((g) => run.blocks.find((b) => b.id === g.blockId)?.status === 'waiting');
      const busy = run.blocks.some((b) => b.status === 'ready' || b.status === 'running');
      return run.status !== 'running' || (waiting && !busy) ? run : null;
    }, `run ${runId} to settle`);

  it('GIVEN factory/coder WHEN its first model is overloaded (529) and the run retries after a rate limit (429) THEN the fallback answers and the attempt records it', async () => {
    const before = fake.requests.length;
    fake.reply({ type: 'error', status: 529 }, complete());
    const run = await settled((await start('routed')).id);
    expect(run.status).toBe('completed');
    expect(fake.requests.slice(before).map((r) => r.body.model)).toEqual(['claude-sonnet-test', 'claude-haiku-test']);
    const draft = (await findBlockRun(database.db, run.id, 'draft'))!;
    const [attempt] = await listBlockAttempts(database.db, draft.id);
    expect(attempt!.usage).toMatchObject({ model: 'claude-haiku-test', alias: 'factory/coder', fallbackFrom: 'claude-sonnet-test' });
    const line = describeBlockLine(run.blocks.find((b) => b.id === 'draft')!, new Date());
    expect(line).toContain('claude-haiku-test (fallback from claude-sonnet-test)');

    const again = fake.requests.length;
    fake.reply({ type: 'error', status: 429, message: 'Rate limited' }, complete());
    const second = await settled((await start('routed')).id);
    expect(second.status).toBe('completed');
    expect(fake.requests.slice(again).map((r) => r.body.model)).toEqual(['claude-sonnet-test', 'claude-haiku-test']);
  });

  it('GIVEN a run budget WHEN the next block would pass it THEN a budget gate opens before that block calls the model, and approving it lets the run finish', async () => {
    const before = fake.requests.length;
    fake.reply(complete(), complete());
    const run = await settled((await start('budgeted')).id);
    expect(fake.requests.length - before).toBe(1);
    const [budgetGate] = run.pendingGates;
    expect(budgetGate).toMatchObject({ kind: 'budget', blockId: 'second', position: 'before' });
    expect(budgetGate!.question).toContain('This run has spent $0.02 of its budget of $0.01.');
    expect(budgetGate!.question).toContain('Next: second, estimated at $0.02.');
    expect(run.blocks.find((b) => b.id === 'second')!.status).toBe('waiting');

    const decided = await factory.service.decideGate({ gateId: budgetGate!.id, decision: 'approve', actor: consoleActor }, new Date());
    expect(decided.outcome).toBe('decided');
    const done = await settled(run.id);
    expect(done.status).toBe('completed');
    expect(fake.requests.length - before).toBe(2);
    expect(done.usage.costUsd).toBeCloseTo(0.036, 6);
    const actions = (await listAuditForRun(database.db, run.id, { limit: 100 })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['gate.opened', 'gate.approved', 'block.release']));
  });

  it('GIVEN a run parameter budget_usd THEN it overrides the template and a rejection stops the block', async () => {
    const before = fake.requests.length;
    fake.reply(complete());
    const run = await settled((await start('budgeted', { budget_usd: '0.02' })).id);
    expect(fake.requests.length - before).toBe(1);
    const gate = run.pendingGates[0]!;
    expect(gate.question).toContain('of its budget of $0.02');
    await factory.service.decideGate({ gateId: gate.id, decision: 'reject', reason: 'enough spent', actor: consoleActor }, new Date());
    const ended = await settled(run.id);
    expect(ended.status).toBe('failed');
    expect(ended.blocks.find((b) => b.id === 'second')!.error).toBe('stopped at its budget: enough spent');
    expect(fake.requests.length - before).toBe(1);
  });

  it('GIVEN a clarification routed to a team WHEN the agent asks again past its hop limit THEN the answer reached the next attempt and the second question escalates along the ladder', async () => {
    const before = fake.requests.length;
    fake.reply({ type: 'tool_use', usage, input: { status: 'NEEDS_CLARIFICATION', clarification_needed: 'Which jurisdiction applies?' } });
    const run = await settled((await start('asking')).id);
    const question = run.pendingGates[0]!;
    expect(question).toMatchObject({ kind: 'clarification', target: 'legal', question: 'Which jurisdiction applies?' });
    const posted = await listOutboxForSubject(database.db, `gate:${question.id}`);
    expect(posted.map((m) => m.target)).toEqual([{ type: 'channel', channelId: 'C0LEGAL01' }]);

    const outsider = { type: 'human' as const, platform: 'slack' as const, id: 'U0OTHER01', name: 'Bo', isPlatformAdmin: false };
    await expect(factory.service.decideGate({ gateId: question.id, decision: 'approve', reason: 'Germany', actor: outsider }, new Date())).rejects.toMatchObject({ code: 'forbidden' });

    fake.reply({ type: 'tool_use', usage, input: { status: 'NEEDS_CLARIFICATION', clarification_needed: 'Which state law?' } });
    await factory.service.decideGate({ gateId: question.id, decision: 'approve', reason: 'German law.', actor: consoleActor }, new Date());
    const asked = await eventually(async () => {
      const view = await factory.service.getRun(run.id);
      return view.pendingGates.find((g) => g.id !== question.id);
    }, 'the second question');
    const second = fake.requests[before + 1]!.body.messages[0].content as string;
    expect(second).toContain('<question>\nWhich jurisdiction applies?\n</question>');
    expect(second).toContain('<answer>\nGerman law.\n</answer>');

    const gates = await listGatesForRun(database.db, run.id);
    const escalated = gates.find((g) => g.id === asked.id)!;
    expect(escalated.deadlineAt!.getTime() - escalated.openedAt.getTime()).toBeLessThanOrEqual(1_000);
    const audit = await listAuditForRun(database.db, run.id, { limit: 100 });
    expect(audit.find((e) => e.action === 'gate.opened' && e.gateId === asked.id)?.metadata).toMatchObject({ escalated: 'clarification hop limit reached', target: 'legal' });

    const sweep = new EscalationSweep({ ctx: factory.ctx, log: silentLogger() });
    await sweep.sweep(new Date(escalated.deadlineAt!.getTime() + 1_000));
    const after = await listAuditForRun(database.db, run.id, { limit: 200 });
    expect(after.filter((e) => e.gateId === asked.id).map((e) => e.action)).toContain('gate.escalated');
    await factory.service.cancelRun(run.id, consoleActor, 'test over', new Date());
  });

  it('GIVEN a threshold with repair WHEN the score never passes THEN exactly max_rounds repair rounds run on repair.model with the failure as the hint, then the block fails', async () => {
    const before = fake.requests.length;
    const low = complete({ metrics: { score: 0.3 } });
    fake.reply(low, low, low);
    const run = await settled((await start('repairing')).id);
    expect(run.status).toBe('failed');
    const sent = fake.requests.slice(before);
    expect(sent.map((r) => r.body.model)).toEqual(['claude-sonnet-test', 'claude-opus-test', 'claude-opus-test']);
    const prompt = sent[2]!.body.messages[0].content as string;
    expect(prompt).toContain('repair round 2 of 2');
    expect(prompt).toContain('<check_failure>\nscore 0.30 is below the minimum 0.80\n</check_failure>');
    const essay = run.blocks.find((b) => b.id === 'essay')!;
    expect(essay).toMatchObject({ status: 'failed', attempts: 3, repairs: { used: 2, max: 2 } });
    expect(describeBlockLine(essay, new Date())).toContain('repair 2 of 2');
    expect(essay.error).toBe('score 0.30 is below the minimum 0.80 (still failing after 2 repair rounds)');
  });

  it('GIVEN an answer that breaks the declared outputs THEN a repair round gets the check failure as its hint, and the failed attempt\'s tokens still count', async () => {
    const before = fake.requests.length;
    fake.reply({ type: 'tool_use', usage, input: { status: 'COMPLETE', artifacts: { summary: 'wrong key' } } }, complete());
    const run = await settled((await start('shaping')).id);
    expect(run.status).toBe('completed');
    const repairPrompt = fake.requests[before + 1]!.body.messages[0].content as string;
    expect(repairPrompt).toContain('repair round 1 of 1');
    expect(repairPrompt).toContain('without the declared artifact "out"');
    const report = (await findBlockRun(database.db, run.id, 'report'))!;
    expect(report).toMatchObject({ repairs: 1, retries: 0, meteredAttempts: 2, inputTokens: 2000, outputTokens: 2000 });
    expect(report.costUsd).toBeCloseTo(0.036, 6);
  });

  it('GIVEN a validation block that finds a problem THEN the checked block is repaired with the finding and checked again until it passes', async () => {
    const before = fake.requests.length;
    fake.reply(complete(), complete({ metrics: { score: 0.3 } }), complete(), complete({ metrics: { score: 0.9 } }));
    const run = await settled((await start('validated')).id);
    expect(run.status).toBe('completed');
    const sent = fake.requests.slice(before).map((r) => r.body.messages[0].content as string);
    expect(sent).toHaveLength(4);
    expect(sent[2]).toContain('<check_failure>\ntests found: score 0.30 is below the minimum 0.80\n</check_failure>');
    expect(run.blocks.find((b) => b.id === 'code')).toMatchObject({ attempts: 2, repairs: { used: 1, max: 3 } });
    expect(run.blocks.find((b) => b.id === 'tests')).toMatchObject({ attempts: 2, status: 'done' });
    const actions = (await listAuditForRun(database.db, run.id, { limit: 100 })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['block.retry', 'block.reset']));
  });
});
