import { buildReminderCard } from '../cards';
import type { Card } from '../domain/card';
import type { GateRecord, RunRecord } from '../domain/records';
import type { GateView } from '../domain/views';
import { ROLES, type Role } from '../domain/statuses';
import type { DueStep } from '../engine/sla';
import { blockOf } from '../runner/read-models';
import type { Queryable } from '../store/db-schema';
import type { Destination, EscalationDeps } from './escalation-deps';
import { pageSubject, reminderSubject, stepKeyPrefix } from './escalation-deps';
import { postToNamedChannel, type StepMessage } from './post-to-channel';
import { dmPersonally, personalRecipients } from './personal-delivery';

/** The ladder step as the sweep sends it: a DueStep, or the breach message a ladder without a deadline step still owes. */
export type SendableStep = Pick<DueStep, 'key' | 'level' | 'action' | 'channel' | 'mentions'> & Partial<Pick<DueStep, 'urgent'>>;

/** What sending a step needs: the service context, and who the last step pages. */
export type LadderDeps = Pick<EscalationDeps, 'ctx' | 'owner'>;

/**
 * Turns one due ladder step into outbox rows in the caller's transaction, and says where they went
 * (`view` is the gate as its cards show it, loaded once by the caller):
 * - notify: a reminder card in the step's channel (default tasks) with the step's mentions;
 * - mention: the same, mentioning the step's mentions, or when it names none, the gate's approvers
 *   (principals, and roles resolved through config), else everyone with the reviewer role;
 * - here, warn: the same, always with "@here";
 * - remind: a DM to the claimant; unclaimed, a DM to each approver named as a user; else the tasks channel;
 * - escalate: the step's channel (default alerts), mentioning the step's mentions and every admin (config roles.admin);
 * - page: a PagerDuty page (severity critical) naming the owner, and the same card in the alerts
 *   channel mentioning the owner, so chat sees that the owner was paged even where paging is not set up.
 */
export async function sendLadderStep(deps: LadderDeps, db: Queryable, run: RunRecord, gate: GateRecord, view: GateView, step: SendableStep, now: Date): Promise<Destination[]> {
  const { ctx } = deps;
  const card = buildReminderCard({ ...view, escalationLevel: step.level, escalationStep: step.action }, { action: step.action, level: step.level }, { now, publicBaseUrl: ctx.publicBaseUrl });
  const message = (stepMentions: readonly string[], principals: readonly string[] = [], payload: Card = card): StepMessage => ({
    key: stepKeyPrefix(gate.id, step.key),
    subject: reminderSubject(gate.id),
    card: payload,
    stepMentions,
    principals,
  });

  switch (step.action) {
    case 'notify':
      return postToNamedChannel(deps, db, run, step.channel ?? 'tasks', message(step.mentions), now);
    case 'mention':
      // A mention step that names nobody mentions who may decide: the gate's approvers, else the reviewers.
      return postToNamedChannel(deps, db, run, step.channel ?? 'tasks', message(step.mentions, step.mentions.length > 0 ? [] : deciders(deps, run, gate)), now);
    case 'here':
    case 'warn':
      return postToNamedChannel(deps, db, run, step.channel ?? 'tasks', message(withHere(step.mentions)), now);
    case 'remind':
      return remind(deps, db, run, gate, step, message(step.mentions), now);
    case 'escalate':
      return postToNamedChannel(deps, db, run, step.channel ?? 'alerts', message(step.mentions, ctx.config.roles?.admin ?? []), now);
    case 'page': {
      const owner = run.template.owner ?? deps.owner ?? null;
      const paged: Card = { ...card, fields: [...(card.fields ?? []), { label: 'Owner', value: owner ?? 'no owner configured', inline: true }] };
      await ctx.notifier.page(db, stepKeyPrefix(gate.id, step.key), pageSubject(gate.id), { dedupKey: `process-factory:gate:${gate.id}`, severity: 'critical' }, paged, now);
      const chat = await postToNamedChannel(deps, db, run, step.channel ?? 'alerts', message(step.mentions, owner ? [owner] : [], paged), now);
      return ['pager', ...chat];
    }
  }
}

/** Principals (or raw ids) of who must decide the gate: its assignee, else its approvers, with role names expanded; else the reviewer role. */
function deciders(deps: LadderDeps, run: RunRecord, gate: GateRecord): string[] {
  if (gate.assignee) return [`${gate.assignee.platform}:user:${gate.assignee.id}`];
  const roles = deps.ctx.config.roles ?? {};
  const approvers = blockOf(run, gate.blockId)?.review?.approvers ?? ['reviewer'];
  return approvers.flatMap((a) => (ROLE_NAMES.has(a) ? (roles[a as Role] ?? []) : [a]));
}

const ROLE_NAMES: ReadonlySet<string> = new Set(ROLES);

function withHere(mentions: readonly string[]): string[] {
  return mentions.includes('@here') ? [...mentions] : [...mentions, '@here'];
}

/**
 * A DM to whoever the gate waits on (claimant, else assignee, else approvers named as users; a
 * delegate for someone away), held for each person's quiet hours unless urgent, on platforms with a
 * running adapter; the tasks channel when nobody is known.
 */
async function remind(deps: LadderDeps, db: Queryable, run: RunRecord, gate: GateRecord, step: SendableStep, message: StepMessage, now: Date): Promise<Destination[]> {
  const { notifier } = deps.ctx;
  const people = await personalRecipients(db, run, gate, now);
  const reachable = people.filter((p) => notifier.platforms.includes(p.platform));
  if (reachable.length === 0) return postToNamedChannel(deps, db, run, step.channel ?? 'tasks', message, now);
  const went: Destination[] = [];
  const urgent = step.urgent ?? false;
  for (const person of reachable) {
    const { mentions: _none, ...card } = message.card;
    went.push(await dmPersonally(deps.ctx, db, { gateId: gate.id, person, key: message.key, subject: message.subject, card, urgent }, now));
  }
  return went;
}
