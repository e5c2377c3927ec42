import type { Actor } from '../domain/actor';
import type { Queryable } from './db-schema';
import { parseActor, toJson } from './json-columns';

/** Someone away until a time, and who takes their reminders, DMs and named-approver gates meanwhile. */
export interface Away {
  /** "<platform>:user:<id>". */
  principal: string;
  until: Date;
  delegate: Actor;
  setAt: Date;
}

/** Sets (or replaces) an absence with its delegate. */
export async function setAway(db: Queryable, away: Away): Promise<void> {
  await db
    .insertInto('people_away')
    .values({ principal: away.principal, until: away.until, delegate: toJson(away.delegate), set_at: away.setAt })
    .onConflict((oc) => oc.column('principal').doUpdateSet({ until: away.until, delegate: toJson(away.delegate), set_at: away.setAt }))
    .execute();
}

/** Ends an absence early ("I'm back"). True when there was one. */
export async function clearAway(db: Queryable, principal: string): Promise<boolean> {
  const result = await db.deleteFrom('people_away').where('principal', '=', principal).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Absences still in force at `now`, of the given principals (all when none given). */
export async function listAway(db: Queryable, now: Date, principals?: readonly string[]): Promise<Away[]> {
  if (principals && principals.length === 0) return [];
  let query = db.selectFrom('people_away').selectAll().where('until', '>', now);
  if (principals) query = query.where('principal', 'in', [...principals]);
  const rows = await query.execute();
  return rows.map((r) => ({ principal: r.principal, until: r.until, delegate: parseActor(r.delegate, `away ${r.principal} delegate`), setAt: r.set_at }));
}

/** Principals whose absence names `delegate` as their stand-in at `now`. */
export async function listDelegatedTo(db: Queryable, delegate: Pick<Actor, 'platform' | 'id'>, now: Date): Promise<string[]> {
  const rows = await db.selectFrom('people_away').select(['principal', 'delegate']).where('until', '>', now).execute();
  return rows.filter((r) => {
    const d = parseActor(r.delegate, `away ${r.principal} delegate`);
    return d.platform === delegate.platform && d.id === delegate.id;
  }).map((r) => r.principal);
}
