import type { Executor, ExecutorContext, ExecutorJob, ExecutorResult, ArtifactValue } from '../domain/executor';
import { ExecutorError } from '../domain/executor';
import type { Block } from '../schema/block';
import type { TaskResult } from '../schema/task-result';
import { delay, throwIfAborted } from './abort';
import { seededRandom } from './seeded-random';
import { simulatedArtifactContent } from './simulate-content';

export interface SimulateExecutorOptions {
  /**
   * Multiplies every simulated duration. 1 plays a block in real time; rehearsals use e.g. 1/600
   * (a 2-hour pipeline in 12 seconds); 0 skips waiting entirely.
   */
  timeScale?: number;
}

/** Scores drawn when the block gives none: plausible, mostly above a typical 0.85 threshold. */
const SCORE_MIN = 0.86;
const SCORE_MAX = 0.99;

/**
 * Rehearses a block without any model, process or network: the same (seed, block, attempt)
 * always gives the same wait, score, failure and artifacts, so whole runs replay exactly.
 */
export class SimulateExecutor implements Executor {
  readonly runtime = 'simulate' as const;
  private readonly timeScale: number;

  constructor(options: SimulateExecutorOptions = {}) {
    const scale = options.timeScale ?? 1;
    if (!Number.isFinite(scale) || scale < 0) throw new RangeError(`timeScale must be a finite number >= 0, got ${scale}`);
    this.timeScale = scale;
  }

  async execute(job: ExecutorJob, ctx: ExecutorContext): Promise<ExecutorResult> {
    throwIfAborted(ctx.signal);
    const { block, attempt } = job;
    const settings = block.simulate ?? {};
    const random = seededRandom(job.seed, block.id, attempt);
    // Draw in a fixed order so each value depends only on (seed, block, attempt).
    const failureDraw = random();
    const scoreDraw = random();

    const durationMs = settings.duration ?? 0;
    if (durationMs > 0 && this.timeScale > 0) await delay(durationMs * this.timeScale, ctx.signal);

    if (settings.clarify && attempt <= 1 && !job.feedback) {
      ctx.log('simulate: asking for clarification', { block: block.id });
      return { result: clarification(block, settings.clarify), artifacts: [] };
    }
    if (settings.failure_rate !== undefined && failureDraw < settings.failure_rate) {
      throw new ExecutorError(
        `simulated failure of ${block.id} on attempt ${attempt} (failure_rate ${settings.failure_rate})`,
        true,
        'simulated_failure',
      );
    }

    const score = pickScore(settings.scores, attempt, scoreDraw);
    const artifacts = block.outputs.artifacts.map(
      (a): ArtifactValue => ({
        key: a.key,
        format: a.format,
        content: simulatedArtifactContent(a.format, { blockName: block.name, key: a.key, runId: job.runId, attempt, feedback: job.feedback }),
      }),
    );
    const metrics = simulatedMetrics(block, score, durationMs, random);
    const result: TaskResult = {
      status: 'COMPLETE',
      reasoning: `Simulated ${block.name} (attempt ${attempt}): score ${score}.`,
      blockers: [],
      assumptions_made: ['This is a simulation: no model, process or network was used.'],
      verified_facts: [],
      clarification_needed: null,
      artifacts: Object.fromEntries(artifacts.map((a) => [a.key, a.content ?? ''])),
      metrics,
    };
    ctx.log('simulate: completed', { block: block.id, attempt, score });
    return { result, artifacts, log: [`simulated in ${Math.round(durationMs * this.timeScale)} ms (scale ${this.timeScale})`] };
  }
}

/** The configured score for this attempt (the last one repeats), else a seeded draw. */
function pickScore(scores: number[] | undefined, attempt: number, draw: number): number {
  if (scores && scores.length > 0) return scores[Math.min(Math.max(attempt, 1), scores.length) - 1]!;
  return round(SCORE_MIN + draw * (SCORE_MAX - SCORE_MIN), 3);
}

/** Every declared metric plus the threshold metric; the threshold metric (and any "score") gets the score. */
function simulatedMetrics(block: Block, score: number, durationMs: number, random: () => number): Record<string, number> {
  const metrics: Record<string, number> = {};
  for (const m of block.outputs.metrics) {
    if (m.key === block.threshold?.metric || m.type === 'score') metrics[m.key] = score;
    else if (m.type === 'ratio') metrics[m.key] = round(0.5 + random() * 0.5, 3);
    else if (m.type === 'count') metrics[m.key] = 1 + Math.floor(random() * 50);
    else if (m.type === 'duration') metrics[m.key] = durationMs;
    else metrics[m.key] = round(random() * 100, 2);
  }
  if (block.threshold) metrics[block.threshold.metric] = score;
  return metrics;
}

function clarification(block: Block, question: string): TaskResult {
  return {
    status: 'NEEDS_CLARIFICATION',
    reasoning: `Simulated ${block.name} needs an answer before it can continue.`,
    blockers: [],
    assumptions_made: [],
    verified_facts: [],
    clarification_needed: question,
    artifacts: {},
    metrics: {},
  };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
