import Anthropic, { APIConnectionTimeoutError, APIUserAbortError } from '@anthropic-ai/sdk';
import type { Message } from '@anthropic-ai/sdk/resources/messages';
import type { Executor, ExecutorContext, ExecutorJob, ExecutorResult, Usage } from '../domain/executor';
import { ExecutorError } from '../domain/executor';
import { formatDuration } from '../schema/duration';
import { abortError, throwIfAborted } from './abort';
import { describeApiError, isTransient, permanentApiError } from './anthropic-errors';
import { DEFAULT_MODEL_ALIAS, DEFAULT_MODEL_ALIASES, resolveModelChain, type ModelStep } from './anthropic-models';
import { DEFAULT_PRICES, estimateCostUsd, type ModelPrice } from './anthropic-pricing';
import { collectDeclaredArtifacts } from './declared-artifacts';
import { buildPrompt, DEFAULT_PROMPT_LIMITS, type PromptLimits } from './prompt-builder';
import { fileSkillReader, loadSkill, type ReadSkill } from './skill-loader';
import { parseSubmittedResult, SUBMIT_RESULT_TOOL, submitResultTool } from './submit-result-tool';

export interface AnthropicExecutorOptions {
  /** Without it every block fails with a `not_configured` error (the bot keeps running). */
  apiKey?: string;
  /** Default https://api.anthropic.com; tests point it at a local fake. */
  baseURL?: string;
  /** Alias -> ordered model ids (fallback chain), merged over DEFAULT_MODEL_ALIASES (the config's `models.aliases`). */
  aliases?: Record<string, readonly string[]>;
  /** Alias used when a block's model is null or unset. Default "factory/coder". */
  defaultModel?: string;
  /** Longest wait for one model before the next in the chain is tried; default the attempt's whole budget. */
  requestTimeoutMs?: number;
  /** Directory of skill prompts (<skillsDir>/<skill>.md). Default "templates/skills". */
  skillsDir?: string;
  /** max_tokens of each request. Default 8192. */
  maxTokens?: number;
  /** Reads a skill's text (null when missing); default reads files under skillsDir. */
  readSkill?: ReadSkill;
  /** The SDK's own retries per model. Default 0: the fallback chain and the engine's retries are the policy. */
  maxRetries?: number;
  /** Budget of one attempt (all models) when the block sets no timeout. Default 10 minutes. */
  defaultTimeoutMs?: number;
  /** Price table by family for cost estimates; default DEFAULT_PRICES. */
  prices?: Record<string, ModelPrice>;
  promptLimits?: Partial<PromptLimits>;
}

import { NO_API_KEY_MESSAGE } from './anthropic-messages';
export { NO_API_KEY_MESSAGE };

/**
 * Runs a block on Claude: prompt from the skill file, run parameters, upstream artifacts and
 * feedback; the answer is forced through the submit_result tool and validated with zod. On a
 * transient API failure the attempt moves along the model fallback chain before it fails.
 */
export class AnthropicExecutor implements Executor {
  readonly runtime = 'anthropic' as const;
  private readonly client: Anthropic | null;
  private readonly aliases: Record<string, readonly string[]>;
  private readonly skillsDir: string;
  private readonly readSkill: ReadSkill;
  private readonly limits: PromptLimits;

  constructor(private readonly options: AnthropicExecutorOptions = {}) {
    // Pass every connection setting explicitly so the SDK never falls back to the environment.
    this.client = options.apiKey
      ? new Anthropic({ apiKey: options.apiKey, baseURL: options.baseURL ?? 'https://api.anthropic.com', maxRetries: options.maxRetries ?? 0 })
      : null;
    this.aliases = { ...DEFAULT_MODEL_ALIASES, ...options.aliases };
    this.skillsDir = options.skillsDir ?? 'templates/skills';
    this.readSkill = options.readSkill ?? fileSkillReader(this.skillsDir);
    this.limits = { ...DEFAULT_PROMPT_LIMITS, ...options.promptLimits };
  }

  async execute(job: ExecutorJob, ctx: ExecutorContext): Promise<ExecutorResult> {
    if (!this.client) throw new ExecutorError(NO_API_KEY_MESSAGE, false, 'not_configured');
    throwIfAborted(ctx.signal);
    const { block } = job;
    // A repair round may name a stronger model (`repair.model`); the job carries it.
    const chain = resolveModelChain(job.model ?? block.model ?? this.options.defaultModel ?? DEFAULT_MODEL_ALIAS, this.aliases);
    const skillText = block.skill ? await loadSkill(this.readSkill, block.skill, this.skillsDir, block.id) : null;
    const prompt = buildPrompt(job, skillText, this.limits);
    const budgetMs = block.timeout ?? this.options.defaultTimeoutMs ?? 600_000;
    const deadline = performance.now() + budgetMs;
    const failures: string[] = [];

    let timeouts = 0;
    for (const step of chain) {
      const remainingMs = Math.floor(deadline - performance.now());
      if (remainingMs <= 0) break;
      const requestMs = Math.min(remainingMs, this.options.requestTimeoutMs ?? remainingMs);
      let message: Message;
      try {
        message = await this.client.messages.create(
          {
            model: step.model,
            max_tokens: this.options.maxTokens ?? 8192,
            system: prompt.system,
            messages: [{ role: 'user', content: prompt.user }],
            tools: [submitResultTool(block)],
            tool_choice: { type: 'tool', name: SUBMIT_RESULT_TOOL },
          },
          { signal: ctx.signal, timeout: requestMs },
        );
      } catch (err) {
        if (ctx.signal.aborted || err instanceof APIUserAbortError) throw abortError(ctx.signal, 'the model request');
        if (!isTransient(err)) throw permanentApiError(err, step.model);
        if (err instanceof APIConnectionTimeoutError) timeouts++;
        failures.push(`${step.model}: ${err instanceof APIConnectionTimeoutError ? `no answer within ${formatDuration(requestMs)}` : describeApiError(err)}`);
        ctx.log('anthropic: transient failure, moving down the model chain', { block: block.id, model: step.model, error: describeApiError(err) });
        continue;
      }
      return this.toResult(job, step, chain, message, ctx);
    }

    if (failures.length < chain.length || timeouts === chain.length) {
      throw new ExecutorError(`model request timed out after ${formatDuration(budgetMs)}${failures.length ? ` (${failures.join('; ')})` : ''}`, true, 'timeout');
    }
    throw new ExecutorError(`the Anthropic API is unavailable; tried ${failures.join('; ')}`, true, 'upstream_unavailable');
  }

  private toResult(job: ExecutorJob, step: ModelStep, chain: ModelStep[], message: Message, ctx: ExecutorContext): ExecutorResult {
    const model = message.model || step.model;
    const usage: Usage = {
      inputTokens: message.usage.input_tokens,
      outputTokens: message.usage.output_tokens,
      costUsd: estimateCostUsd(model, message.usage, this.options.prices ?? DEFAULT_PRICES),
      model,
      ...(chain[0]!.alias !== chain[0]!.model ? { alias: step.alias } : {}),
      ...(step === chain[0] ? {} : { fallbackFrom: chain[0]!.model }),
    };
    // Logged before validation: tokens are spent even when the answer is rejected below.
    ctx.log('anthropic: response', { block: job.block.id, model, inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, costUsd: usage.costUsd });
    let result: ReturnType<typeof parseSubmittedResult>;
    let collected: ReturnType<typeof collectDeclaredArtifacts>;
    try {
      result = parseSubmittedResult(message);
      collected = collectDeclaredArtifacts(job.block, result.status, result.artifacts, { source: 'the model', retryable: true });
    } catch (error) {
      if (error instanceof ExecutorError) error.usage = usage;
      throw error;
    }
    if (collected.ignored.length) ctx.log('anthropic: undeclared artifacts ignored', { block: job.block.id, keys: collected.ignored });
    const log = step === chain[0] ? [] : [`${step.alias}: fell back from ${chain[0]!.model} to ${step.model}`];
    return { result: { ...result, artifacts: collected.contents }, artifacts: collected.artifacts, usage, log };
  }
}
