import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { ArtifactRecord } from '../domain/records';
import type { ArtifactsTable, Queryable } from './db-schema';

/** The one place an artifacts row becomes an ArtifactRecord. */
export function toArtifactRecord(row: Selectable<ArtifactsTable>): ArtifactRecord {
  return {
    id: row.id,
    runId: row.run_id,
    blockId: row.block_id,
    attempt: row.attempt,
    key: row.key,
    format: row.format,
    content: row.content,
    location: row.location,
    sizeBytes: row.size_bytes === null ? null : Number(row.size_bytes),
    checksum: row.checksum,
    createdAt: row.created_at,
  };
}

export interface NewArtifact {
  runId: string;
  blockId: string;
  attempt: number;
  key: string;
  format: string;
  /** Inline text content; size and sha256 are computed from it. */
  content?: string | null;
  /** Where external content lives (a URL, a directory), when there is no inline content. */
  location?: string | null;
  /** For external content whose size and checksum the caller knows. */
  sizeBytes?: number | null;
  checksum?: string | null;
  now: Date;
}

/**
 * Stores one output of one attempt. Putting the same (run, block, attempt, key) again replaces it,
 * so a retried recording transaction is harmless; other attempts keep their own rows.
 */
export async function putArtifact(db: Queryable, artifact: NewArtifact): Promise<ArtifactRecord> {
  const content = artifact.content ?? null;
  const sizeBytes = content === null ? (artifact.sizeBytes ?? null) : Buffer.byteLength(content, 'utf8');
  const checksum = content === null ? (artifact.checksum ?? null) : createHash('sha256').update(content, 'utf8').digest('hex');
  const values = {
    format: artifact.format,
    content,
    location: artifact.location ?? null,
    size_bytes: sizeBytes,
    checksum,
    created_at: artifact.now,
  };
  const row = await db
    .insertInto('artifacts')
    .values({ run_id: artifact.runId, block_id: artifact.blockId, attempt: artifact.attempt, key: artifact.key, ...values })
    .onConflict((oc) => oc.columns(['run_id', 'block_id', 'attempt', 'key']).doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
  return toArtifactRecord(row);
}

/**
 * The latest artifact per (block, key) of a run: the inputs of the next block and what a gate card
 * previews. Optionally only for some blocks.
 */
export async function getLatestArtifacts(db: Queryable, runId: string, opts: { blockIds?: readonly string[] } = {}): Promise<ArtifactRecord[]> {
  if (opts.blockIds && opts.blockIds.length === 0) return [];
  let query = db.selectFrom('artifacts').selectAll().distinctOn(['block_id', 'key']).where('run_id', '=', runId);
  if (opts.blockIds) query = query.where('block_id', 'in', [...opts.blockIds]);
  const rows = await query.orderBy('block_id').orderBy('key').orderBy('attempt', 'desc').execute();
  return rows.map(toArtifactRecord);
}

/** The latest version of one artifact, or undefined. */
export async function getLatestArtifact(db: Queryable, runId: string, blockId: string, key: string): Promise<ArtifactRecord | undefined> {
  const row = await db
    .selectFrom('artifacts')
    .selectAll()
    .where('run_id', '=', runId)
    .where('block_id', '=', blockId)
    .where('key', '=', key)
    .orderBy('attempt', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && toArtifactRecord(row);
}
