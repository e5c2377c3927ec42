import type { ArtifactValue, ExecutorJob } from '../domain/executor';
import type { BlockRun, RunRecord } from '../domain/records';
import type { Block } from '../schema/block';
import { getLatestArtifacts } from '../store/artifacts.store';
import { listBlockRunsOf } from '../store/blocks.store';
import type { Queryable } from '../store/db-schema';

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
  return {
    runId: run.id,
    blockRunId: blockRun.id,
    block,
    attempt: blockRun.attempts,
    params: run.params,
    inputs,
    feedback: blockRun.feedback,
    seed: run.seed,
  };
}
