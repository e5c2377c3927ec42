import type { ArtifactValue, ExecutorJob } from '../domain/executor';
import type { BlockRun, RunRecord } from '../domain/records';
import type { Block } from '../schema/block';
import { getLatestArtifacts } from '../store/artifacts.store';
import { listBlockRunsOf } from '../store/blocks.store';
import type { Queryable } from '../store/db-schema';
import { approvalConditionInputs } from './approval-conditions';
import { findLatestGate } from '../store/gates.store';
import { maxRepairRounds } from '../engine/repair-round';

/** The job for one attempt: upstream outputs by "<block>.<key>" (artifacts, or metric values). */
export async function buildJob(db: Queryable, run: RunRecord, block: Block, blockRun: BlockRun): Promise<ExecutorJob> {
  const upstream = [...new Set(block.inputs.depends.map((d) => d.block))];
  const artifacts = upstream.length ? await getLatestArtifacts(db, run.id, { blockIds: upstream }) : [];
  const states = upstream.length ? await listBlockRunsOf(db, run.id, upstream) : [];
  const inputs: Record<string, ArtifactValue> = {};
  for (const dep of block.inputs.depends) {
    const artifact = artifacts.find((a) => a.blockId === dep.block && a.key === dep.key);
    if (artifact) {
      inputs[`${dep.block}.${dep.key}`] = { key: dep.key, format: artifact.format, content: artifact.content, location: artifact.location };
      continue;
    }
    const state = states.find((s) => s.blockId === dep.block);
    if (state?.score != null) inputs[`${dep.block}.${dep.key}`] = { key: dep.key, format: 'txt', content: String(state.score), location: null };
  }
  // Conditions an approval carried reach the blocks that run after it, next to their other inputs.
  Object.assign(inputs, await approvalConditionInputs(db, run, block));
  return {
    runId: run.id,
    blockRunId: blockRun.id,
    block,
    attempt: blockRun.attempts,
    params: run.params,
    inputs,
    feedback: blockRun.feedback,
    ...(await agentInputs(db, run, block, blockRun)),
    seed: run.seed,
  };
}

/**
 * What the attempt is answering: a clarification's question (the answer is the feedback), or a
 * repair round (its hint is the feedback; it runs on `repair.model` when the block names one).
 */
async function agentInputs(db: Queryable, run: RunRecord, block: Block, blockRun: BlockRun): Promise<Partial<ExecutorJob>> {
  if (!blockRun.feedback || !blockRun.feedbackKind) return {};
  if (blockRun.feedbackKind === 'clarification') {
    const gate = await findLatestGate(db, run.id, block.id, 'clarification');
    return { feedbackKind: 'clarification', question: gate?.question ?? null };
  }
  if (blockRun.feedbackKind === 'repair') {
    return {
      feedbackKind: 'repair',
      repair: { round: blockRun.repairs, maxRounds: maxRepairRounds(block) },
      ...(block.repair?.model ? { model: block.repair.model } : {}),
    };
  }
  return { feedbackKind: 'review' };
}
