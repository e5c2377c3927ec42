import type { Selectable } from 'kysely';
import type { Actor } from '../domain/actor';
import type { DecisionSource } from '../domain/views';
import type { GateVotesTable, Queryable } from './db-schema';
import { parseActor, parseStringList, toJson } from './json-columns';

export type Vote = 'approve' | 'reject';

/** One person's vote on one gate. */
export interface GateVote {
  id: string;
  gateId: string;
  /** "<platform>:<user id>": the key that makes a second vote by the same person a no-op. */
  voter: string;
  actor: Actor;
  vote: Vote;
  note: string | null;
  conditions: string[];
  via: DecisionSource;
  votedAt: Date;
}

/** The key one person votes under, whichever button, form or command they use. */
export const voterKey = (actor: Pick<Actor, 'platform' | 'id'>): string => `${actor.platform}:${actor.id}`;

function toGateVote(row: Selectable<GateVotesTable>): GateVote {
  return {
    id: row.id,
    gateId: row.gate_id,
    voter: row.voter,
    actor: parseActor(row.actor, `vote ${row.id} actor`),
    vote: row.vote as Vote,
    note: row.note,
    conditions: parseStringList(row.conditions, `vote ${row.id} conditions`),
    via: row.via as DecisionSource,
    votedAt: row.voted_at,
  };
}

/**
 * Records a vote once per person: a second vote by the same person (a double click, the other
 * platform) inserts nothing and returns `created: false` with the vote that stands.
 */
export async function insertGateVote(
  db: Queryable,
  vote: { gateId: string; actor: Actor; vote: Vote; note?: string | null; conditions?: readonly string[]; via: DecisionSource; now: Date },
): Promise<{ vote: GateVote; created: boolean }> {
  const voter = voterKey(vote.actor);
  const row = await db
    .insertInto('gate_votes')
    .values({
      gate_id: vote.gateId,
      voter,
      actor: toJson(vote.actor),
      vote: vote.vote,
      note: vote.note ?? null,
      conditions: toJson(vote.conditions ?? []),
      via: vote.via,
      voted_at: vote.now,
    })
    .onConflict((oc) => oc.columns(['gate_id', 'voter']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (row) return { vote: toGateVote(row), created: true };
  const existing = await db.selectFrom('gate_votes').selectAll().where('gate_id', '=', vote.gateId).where('voter', '=', voter).executeTakeFirstOrThrow();
  return { vote: toGateVote(existing), created: false };
}

/** Every vote on a gate, in the order cast. */
export async function listGateVotes(db: Queryable, gateId: string): Promise<GateVote[]> {
  const rows = await db.selectFrom('gate_votes').selectAll().where('gate_id', '=', gateId).orderBy('id').execute();
  return rows.map(toGateVote);
}
