import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AnthropicExecutor, NO_API_KEY_MESSAGE, type AnthropicExecutorOptions } from '../../../src/executors/anthropic.executor';
import { MODEL_IDS as DEFAULT_MODELS } from '../../../src/schema/model-aliases';
import type { BlockInput } from '../../../src/schema/block';
import { startFakeAnthropic, type FakeAnthropic } from '../../fakes/anthropic/server';
import { makeBlock, makeCtx, makeJob, rejectionOf } from '../../unit/executors/fixtures';

const API_KEY = 'sk-ant-test-key';
let fake: FakeAnthropic;
let skillsDir: string;

beforeAll(async () => {
  skillsDir = await mkdtemp(join(tmpdir(), 'skills-'));
  await writeFile(join(skillsDir, 'expert-framework.md'), 'Distil how the expert thinks into pillars and principles.');
});
afterAll(() => rm(skillsDir, { recursive: true, force: true }));
beforeEach(async () => {
  fake = await startFakeAnthropic({ apiKey: API_KEY });
});
afterEach(() => fake.close());

function executor(extra: AnthropicExecutorOptions = {}) {
  return new AnthropicExecutor({ apiKey: API_KEY, baseURL: fake.url, skillsDir, ...extra });
}

function llmBlock(fields: Partial<BlockInput> = {}) {
  return makeBlock({
    id: 'expert-framework-creator',
    name: 'Expert framework creator',
    skill: 'expert-framework',
    model: 'opus',
    outputs: { artifacts: [{ key: 'expert-framework', format: 'json' }], metrics: [{ key: 'score', type: 'score' }] },
    ...fields,
  });
}

const complete = {
  status: 'COMPLETE',
  reasoning: 'Three pillars cover the sources.',
  artifacts: { 'expert-framework': '{"pillars":["clarity","proof","story"]}' },
  metrics: { score: 0.91 },
};

describe('AnthropicExecutor', () => {
  it('GIVEN a block with skill, params, an upstream artifact and feedback THEN one well-formed forced tool call, and the result with usage and cost', async () => {
    fake.reply({ type: 'tool_use', input: complete, usage: { input_tokens: 2_000, output_tokens: 500 } });
    const job = makeJob(llmBlock(), {
      attempt: 2,
      params: { expert_name: 'Ada Lovelace' },
      inputs: { 'deep-research.intel-report': { key: 'intel-report', format: 'md', content: '# Intel\nWrote the first algorithm.' } },
      feedback: 'Name the pillars after her own words.',
    });
    const { result, artifacts, usage } = await executor().execute(job, makeCtx());

    expect(fake.requests).toHaveLength(1);
    const req = fake.requests[0]!;
    expect(req.problems).toEqual([]);
    expect(req.headers['anthropic-version']).toBeTruthy();
    // SDK 1.x sends the key as a bearer token; older versions used x-api-key. The fake accepts both.
    expect(req.headers.authorization ?? req.headers['x-api-key']).toContain(API_KEY);
    expect(req.body.model).toBe(DEFAULT_MODELS.opus);
    expect(req.body.tool_choice).toEqual({ type: 'tool', name: 'submit_result' });
    expect(req.body.tools[0].name).toBe('submit_result');
    expect(req.body.tools[0].input_schema.properties.status.enum).toEqual(['COMPLETE', 'NEEDS_CLARIFICATION', 'BLOCKED']);
    expect(req.body.tools[0].input_schema.required).toEqual(['status']);
    expect(req.body.system).toContain('Distil how the expert thinks into pillars and principles.');
    const user = req.body.messages[0].content as string;
    expect(user).toContain('expert_name: "Ada Lovelace"');
    expect(user).toContain('# Intel\nWrote the first algorithm.');
    expect(user).toContain('Name the pillars after her own words.');

    expect(result).toMatchObject({ status: 'COMPLETE', reasoning: 'Three pillars cover the sources.', metrics: { score: 0.91 }, blockers: [] });
    expect(artifacts).toEqual([{ key: 'expert-framework', format: 'json', content: complete.artifacts['expert-framework'] }]);
    // opus is priced at $5 / $25 per million tokens: 2000 in + 500 out.
    expect(usage).toEqual({ inputTokens: 2_000, outputTokens: 500, costUsd: 0.0225, model: DEFAULT_MODELS.opus, alias: 'opus' });
  });

  it.each([
    ['NEEDS_CLARIFICATION', { status: 'NEEDS_CLARIFICATION', clarification_needed: 'Which of her papers count as primary sources?' }],
    ['BLOCKED', { status: 'BLOCKED', blockers: ['The intel report is empty.'] }],
  ])('GIVEN the model answers %s THEN it passes through without artifacts', async (status, input) => {
    fake.reply({ type: 'tool_use', input });
    const { result, artifacts } = await executor().execute(makeJob(llmBlock()), makeCtx());
    expect(result).toMatchObject(input);
    expect(result.status).toBe(status);
    expect(artifacts).toEqual([]);
  });

  it('GIVEN an invalid tool input THEN a retryable error names each problem', async () => {
    fake.reply({ type: 'tool_use', input: { status: 'DONE', metrics: { score: 'high' } } });
    const err = await rejectionOf(executor().execute(makeJob(llmBlock()), makeCtx()));
    expect(err).toMatchObject({ code: 'invalid_result', retryable: true });
    expect(err.message).toMatch(/status: /);
    expect(err.message).toMatch(/metrics\.score: /);
  });

  it('GIVEN a text answer instead of the tool call THEN a retryable error says the tool was not called', async () => {
    fake.reply({ type: 'text', text: 'Here is your framework…' });
    const err = await rejectionOf(executor().execute(makeJob(llmBlock()), makeCtx()));
    expect(err).toMatchObject({ code: 'invalid_result', retryable: true });
    expect(err.message).toContain('did not call submit_result');
  });

  it('GIVEN COMPLETE without a declared artifact THEN a retryable error names the missing key', async () => {
    fake.reply({ type: 'tool_use', input: { status: 'COMPLETE', artifacts: { framework: '{}' } } });
    const err = await rejectionOf(executor().execute(makeJob(llmBlock()), makeCtx()));
    expect(err).toMatchObject({ code: 'missing_artifacts', retryable: true });
    expect(err.message).toContain('"expert-framework"');
  });

  it('GIVEN opus is overloaded (529) THEN the attempt falls back to sonnet', async () => {
    fake.reply({ type: 'error', status: 529 }, { type: 'tool_use', input: complete });
    const ctx = makeCtx();
    const { result, usage, log } = await executor().execute(makeJob(llmBlock()), ctx);
    expect(fake.requests.map((r) => r.body.model)).toEqual([DEFAULT_MODELS.opus, DEFAULT_MODELS.sonnet]);
    expect(result.status).toBe('COMPLETE');
    expect(usage?.model).toBe(DEFAULT_MODELS.sonnet);
    expect(log).toEqual([`opus: fell back from ${DEFAULT_MODELS.opus} to ${DEFAULT_MODELS.sonnet}`]);
    expect(usage).toMatchObject({ alias: 'opus', fallbackFrom: DEFAULT_MODELS.opus });
    expect(ctx.logs.some((l) => l.message.includes('moving down the model chain'))).toBe(true);
  });

  it('GIVEN every model in the chain fails transiently THEN a retryable error lists each failure', async () => {
    fake.reply({ type: 'error', status: 529 }, { type: 'error', status: 500 }, { type: 'error', status: 429, message: 'Rate limited' });
    const err = await rejectionOf(executor().execute(makeJob(llmBlock()), makeCtx()));
    expect(err).toMatchObject({ code: 'upstream_unavailable', retryable: true });
    expect(fake.requests.map((r) => r.body.model)).toEqual([DEFAULT_MODELS.opus, DEFAULT_MODELS.sonnet, DEFAULT_MODELS.haiku]);
    expect(err.message).toContain('529 overloaded_error');
    expect(err.message).toContain('500 api_error');
    expect(err.message).toContain('429 rate_limit_error: Rate limited');
  });

  it('GIVEN a 400 THEN no fallback and a non-retryable error', async () => {
    fake.reply({ type: 'error', status: 400, message: 'prompt is too long' });
    const err = await rejectionOf(executor().execute(makeJob(llmBlock()), makeCtx()));
    expect(err).toMatchObject({ code: 'api_error', retryable: false });
    expect(err.message).toContain('prompt is too long');
    expect(fake.requests).toHaveLength(1);
  });

  it('GIVEN a wrong API key THEN not_configured, pointing at ANTHROPIC_API_KEY', async () => {
    const err = await rejectionOf(executor({ apiKey: 'sk-wrong' }).execute(makeJob(llmBlock()), makeCtx()));
    expect(err).toMatchObject({ code: 'not_configured', retryable: false });
    expect(err.message).toContain('ANTHROPIC_API_KEY');
  });

  it('GIVEN no API key THEN the block fails with the not_configured sentence and nothing is sent', async () => {
    const err = await rejectionOf(new AnthropicExecutor({ baseURL: fake.url }).execute(makeJob(llmBlock()), makeCtx()));
    expect(err).toMatchObject({ code: 'not_configured', retryable: false, message: NO_API_KEY_MESSAGE });
    expect(fake.requests).toHaveLength(0);
  });

  it('GIVEN a slow response WHEN the runner aborts THEN it rejects as aborted and the HTTP request is cancelled', async () => {
    fake.reply({ type: 'hang' });
    const ctx = makeCtx();
    const running = rejectionOf(executor().execute(makeJob(llmBlock()), ctx));
    const req = await fake.nextRequest();
    ctx.controller.abort(new Error('lease lost'));
    expect(await running).toMatchObject({ code: 'aborted', retryable: false });
    await fake.disconnected(req);
    expect(req.disconnected).toBe(true);
    expect(fake.requests).toHaveLength(1);
  });

  it('GIVEN a response slower than the block timeout THEN a retryable timeout error, without trying other models', async () => {
    fake.reply({ type: 'hang' });
    const err = await rejectionOf(executor().execute(makeJob(llmBlock({ timeout: 300 })), makeCtx()));
    expect(err).toMatchObject({ code: 'timeout', retryable: true });
    expect(fake.requests).toHaveLength(1);
  });

  it('GIVEN a skill file that does not exist THEN a non-retryable error names the path, before any request', async () => {
    const err = await rejectionOf(executor().execute(makeJob(llmBlock({ skill: 'no-such-skill' })), makeCtx()));
    expect(err).toMatchObject({ code: 'skill_missing', retryable: false });
    expect(err.message).toContain(join(skillsDir, 'no-such-skill.md'));
    expect(fake.requests).toHaveLength(0);
  });

  it('GIVEN an injected skill reader, model map and default model THEN they are used', async () => {
    fake.reply({ type: 'tool_use', input: complete });
    const exec = executor({ readSkill: async (name) => `injected skill ${name}`, aliases: { sonnet: ['claude-sonnet-test'] }, defaultModel: 'sonnet' });
    await exec.execute(makeJob(llmBlock({ model: null })), makeCtx());
    expect(fake.requests[0]!.body.model).toBe('claude-sonnet-test');
    expect(fake.requests[0]!.body.system).toContain('injected skill expert-framework');
  });

  describe('model routing aliases', () => {
    const routed = { 'factory/coder': ['claude-sonnet-test', 'claude-haiku-test'], 'factory/architect': ['claude-opus-test', 'claude-sonnet-test'] };

    it('GIVEN factory/coder from the config WHEN its first model answers 529 THEN the next model of its chain answers, and usage names both', async () => {
      fake.reply({ type: 'error', status: 529 }, { type: 'tool_use', input: complete });
      const { usage } = await executor({ aliases: routed }).execute(makeJob(llmBlock({ model: 'factory/coder' })), makeCtx());
      expect(fake.requests.map((r) => r.body.model)).toEqual(['claude-sonnet-test', 'claude-haiku-test']);
      expect(usage).toMatchObject({ model: 'claude-haiku-test', alias: 'factory/coder', fallbackFrom: 'claude-sonnet-test' });
    });

    it('GIVEN a rate limit (429) on the first model THEN the attempt moves down the chain', async () => {
      fake.reply({ type: 'error', status: 429, message: 'Rate limited' }, { type: 'tool_use', input: complete });
      const { usage } = await executor({ aliases: routed }).execute(makeJob(llmBlock({ model: 'factory/architect' })), makeCtx());
      expect(fake.requests.map((r) => r.body.model)).toEqual(['claude-opus-test', 'claude-sonnet-test']);
      expect(usage).toMatchObject({ model: 'claude-sonnet-test', fallbackFrom: 'claude-opus-test' });
    });

    it('GIVEN a request timeout per model WHEN the first model does not answer in time THEN the next one is asked', async () => {
      fake.reply({ type: 'hang' }, { type: 'tool_use', input: complete });
      const { usage } = await executor({ aliases: routed, requestTimeoutMs: 300 }).execute(makeJob(llmBlock({ model: 'factory/coder', timeout: 20_000 })), makeCtx());
      expect(fake.requests.map((r) => r.body.model)).toEqual(['claude-sonnet-test', 'claude-haiku-test']);
      expect(usage).toMatchObject({ model: 'claude-haiku-test', fallbackFrom: 'claude-sonnet-test' });
    });

    it('GIVEN the default aliases THEN the factory/* names route to the built-in chains', async () => {
      fake.reply({ type: 'error', status: 529 }, { type: 'error', status: 529 }, { type: 'tool_use', input: complete });
      const { usage } = await executor().execute(makeJob(llmBlock({ model: 'factory/architect' })), makeCtx());
      expect(fake.requests.map((r) => r.body.model)).toEqual([DEFAULT_MODELS.opus, DEFAULT_MODELS.sonnet, DEFAULT_MODELS.haiku]);
      expect(usage?.model).toBe(DEFAULT_MODELS.haiku);
    });

    it('GIVEN a repair round naming a stronger model on the job THEN that model is asked instead of the block\'s', async () => {
      fake.reply({ type: 'tool_use', input: complete });
      await executor({ aliases: routed }).execute(makeJob(llmBlock({ model: 'factory/coder' }), { model: 'factory/architect' }), makeCtx());
      expect(fake.requests[0]!.body.model).toBe('claude-opus-test');
    });
  });
});
