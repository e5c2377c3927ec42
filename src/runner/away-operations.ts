import type { Actor } from '../domain/actor';
import { UserError } from '../domain/errors';
import { authorize } from '../permissions/authorize';
import { principalOfPerson } from '../schema/person-ref';
import { appendAudit } from '../store/audit.store';
import { clearAway, listAway, setAway } from '../store/people-away.store';
import { transaction } from '../store/transaction';
import type { ServiceContext } from './service-context';

export interface AwayView {
  until: Date;
  delegate: { name: string; platform: Actor['platform'] };
}

/**
 * "I'm away until <date>; <delegate> takes my gates." Until then, reminders and DMs meant for the
 * actor go to the delegate, gates assigned to them go to the delegate, and the delegate may decide
 * gates that name the actor as an approver. Audited.
 */
export async function setAwayWithDelegate(ctx: ServiceContext, input: { actor: Actor; until: Date; delegate: Actor }, now: Date): Promise<AwayView> {
  authorize(input.actor, 'read', ctx.config);
  if (input.until.getTime() <= now.getTime()) throw new UserError('invalid_arguments', 'Give a date in the future: `/factory away until 2026-12-24 delegate @person`.');
  if (input.delegate.platform === input.actor.platform && input.delegate.id === input.actor.id) {
    throw new UserError('invalid_arguments', 'Name someone else as your delegate.');
  }
  const principal = principalOfPerson(input.actor);
  const [delegateAway] = await listAway(ctx.database.db, now, [principalOfPerson(input.delegate)]);
  if (delegateAway && delegateAway.until > now) {
    throw new UserError('invalid_arguments', `${input.delegate.name} is away too (until ${delegateAway.until.toISOString().slice(0, 10)}); name someone who is here.`);
  }
  await transaction(ctx.database, async (trx) => {
    await setAway(trx, { principal, until: input.until, delegate: input.delegate, setAt: now });
    await appendAudit(trx, {
      at: now,
      actor: input.actor,
      action: 'person.away',
      entityType: 'person',
      entityId: principal,
      changes: { to: { until: input.until.toISOString(), delegate: principalOfPerson(input.delegate) } },
      metadata: { platform: input.actor.platform },
    });
  });
  return { until: input.until, delegate: { name: input.delegate.name, platform: input.delegate.platform } };
}

/** "I'm back": reminders come to the actor again. False when they were not away. */
export async function endAway(ctx: ServiceContext, actor: Actor, now: Date): Promise<boolean> {
  const principal = principalOfPerson(actor);
  return transaction(ctx.database, async (trx) => {
    const was = await clearAway(trx, principal);
    if (was) await appendAudit(trx, { at: now, actor, action: 'person.back', entityType: 'person', entityId: principal, metadata: { platform: actor.platform } });
    return was;
  });
}
