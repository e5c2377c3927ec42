import type { Card } from '../domain/card';
import type { GateRecord, RunRecord } from '../domain/records';
import type { Platform } from '../domain/statuses';
import { personalDeliveryTime } from '../engine/sla';
import { blockOf } from '../runner/read-models';
import type { ServiceContext } from '../runner/service-context';
import type { Queryable } from '../store/db-schema';
import { listAway } from '../store/people-away.store';
import { usersAmong } from './principal-mentions';

export interface Person {
  platform: Platform;
  id: string;
}

const principalOf = (p: Person): string => `${p.platform}:user:${p.id}`;

/** Subjects of DMs held back for quiet hours: one lane per person, so a held DM holds back nothing else. */
export const heldDmSubjectPrefix = (gateId: string): string => `gate:${gateId}:reminder:held:`;
const heldDmSubject = (gateId: string, person: Person): string => `${heldDmSubjectPrefix(gateId)}${person.platform}:${person.id}`;

/**
 * Who a personal reminder of this gate goes to: whoever claimed it, else whoever it was assigned
 * to, else the approvers named as users. Someone away (`/factory away`) is replaced by their
 * delegate; the same person twice is one recipient.
 */
export async function personalRecipients(db: Queryable, run: RunRecord, gate: GateRecord, now: Date): Promise<Person[]> {
  const human = (a: GateRecord['claimant']) => (a && a.type === 'human' ? [{ platform: a.platform, id: a.id }] : []);
  const claimant = human(gate.claimant);
  const assignee = human(gate.assignee);
  const people = claimant.length > 0 ? claimant : assignee.length > 0 ? assignee : usersAmong(blockOf(run, gate.blockId)?.review?.approvers);
  return followDelegates(db, people, now);
}

/** Each person, or their delegate while they are away; no one twice. */
export async function followDelegates(db: Queryable, people: readonly Person[], now: Date): Promise<Person[]> {
  const away = new Map((await listAway(db, now, people.map(principalOf))).map((a) => [a.principal, a.delegate]));
  const out = new Map<string, Person>();
  for (const person of people) {
    const delegate = away.get(principalOf(person));
    const to = delegate ? { platform: delegate.platform, id: delegate.id } : person;
    out.set(principalOf(to), to);
  }
  return [...out.values()];
}

/**
 * A DM to one person, held until their working hours (config `people.<principal>.quiet_hours`)
 * unless urgent. A held DM gets a subject of its own (see heldDmSubjectPrefix), which the gate's
 * decision updates too. Returns where it went.
 */
export async function dmPersonally(
  ctx: Pick<ServiceContext, 'notifier' | 'config'>,
  db: Queryable,
  msg: { gateId: string; person: Person; key: string; subject: string; card: Card; urgent: boolean },
  now: Date,
): Promise<string> {
  const quiet = ctx.config.people?.[principalOf(msg.person)]?.quiet_hours;
  const at = personalDeliveryTime(now, quiet, msg.urgent);
  const held = at.getTime() > now.getTime();
  const subject = held ? heldDmSubject(msg.gateId, msg.person) : msg.subject;
  await ctx.notifier.dm(db, msg.person.platform, msg.person.id, msg.key, subject, msg.card, now, held ? at : undefined);
  return held ? `${msg.person.platform}:dm:${msg.person.id}@${at.toISOString()}` : `${msg.person.platform}:dm:${msg.person.id}`;
}
