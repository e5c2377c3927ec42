import type { FileConfig } from '../config-file';
import { buildGateLinkCard } from '../cards';
import type { Card } from '../domain/card';
import { ownValue } from '../domain/own-value';
import type { GateRecord, RunRecord } from '../domain/records';
import { gateDeciders } from '../escalation/gate-deciders';
import { mentionsOn } from '../escalation/principal-mentions';
import type { Platform } from '../domain/statuses';
import type { OutboxTarget } from '../outbox/targets';
import type { Queryable } from '../store/db-schema';
import { queueOutbox } from '../store/outbox.store';

export interface NotifierOptions {
  /** Platforms with a running adapter: every card goes to each where it has somewhere to go. */
  platforms: readonly Platform[];
  channels: FileConfig['channels'];
  /** Who holds each role, so a gate card pings exactly the people who may decide it. */
  roles?: FileConfig['roles'];
  /** `cards.gate_copies`: a gate card also in the run's channel when a tasks channel is mapped. */
  gateCopies?: boolean;
}

type ChannelPurpose = 'feed' | 'tasks' | 'alerts';

/**
 * Decides where a message goes and queues it in the caller's transaction. Dedupe keys are derived
 * from what the message is about, so a replayed transaction or a second replica queues nothing twice.
 */
export class Notifier {
  constructor(private readonly options: NotifierOptions) {}

  get platforms(): readonly Platform[] {
    return this.options.platforms;
  }

  /** The run's status card in the channel it was started from; delivery opens the run's thread under it. */
  async runCreated(db: Queryable, run: RunRecord, card: Card, now: Date): Promise<void> {
    const origin = this.originOf(run);
    if (origin) {
      await this.post(db, `run:${run.id}:status-card:${origin.platform}`, `run:${run.id}`, origin.platform, {
        type: 'channel',
        channelId: origin.channelId,
        threadId: origin.threadId ?? null,
        openThreadForRun: origin.threadId ? undefined : { runId: run.id, name: `${run.template.name} #${run.id}: ${run.name}`.slice(0, 100) },
      }, card, now);
    }
    for (const [platform, channelId] of this.named(run, 'feed')) {
      if (origin && origin.platform === platform && origin.channelId === channelId) continue;
      await this.post(db, `run:${run.id}:status-card:${platform}:${channelId}`, `run:${run.id}`, platform, { type: 'channel', channelId }, card, now);
    }
  }

  /**
   * A gate card in one place per platform: the tasks channel where config maps one (the run's
   * thread then gets a line pointing there), else the run's channel. `gateCopies` puts it in both,
   * as before. A clarification routed to a team goes to that team's named channel instead (when mapped).
   */
  async gateOpened(db: Queryable, run: RunRecord, gate: Pick<GateRecord, 'id' | 'blockId' | 'assignee'>, card: Card, now: Date, channel?: string): Promise<void> {
    const key = `gate:${gate.id}:card`;
    const subject = `gate:${gate.id}`;
    // Each copy pings the deciders who are on its platform, and nobody else (see renderMentions).
    const deciders = gateDeciders(this.options.roles, run, gate);
    const pinging = (platform: Platform): Card => {
      const mentions = mentionsOn(platform, [], deciders);
      return mentions.length > 0 ? { ...card, mentions } : card;
    };
    const team = channel ? this.channelsNamed(run, channel) : [];
    const places = team.length > 0 ? team : this.options.gateCopies ? this.reviewChannels(run) : this.gatePlaces(run);
    for (const [platform, channelId] of places) await this.toChannel(db, platform, channelId, key, subject, pinging(platform), now);
    if (team.length > 0 || this.options.gateCopies) return;
    const origin = this.originOf(run);
    const elsewhere = origin && places.some(([p, id]) => p === origin.platform && id !== origin.channelId);
    if (!elsewhere) return;
    const link = buildGateLinkCard({ gateId: gate.id, gateTitle: card.title, channelName: run.template.channels?.tasks ?? 'tasks', ...(card.url ? { url: card.url } : {}) });
    // A run started inside a thread has no run_channels row (no thread was opened for it): post where its status card went.
    const target: OutboxTarget = origin.threadId ? { type: 'channel', channelId: origin.channelId, threadId: origin.threadId } : { type: 'run-thread', runId: run.id };
    await this.post(db, `run:${run.id}:thread:gate:${gate.id}:link:${origin.platform}`, `run:${run.id}:gate:${gate.id}:link`, origin.platform, target, link, now);
  }

  /** Per platform, the tasks channel when config maps one, else the run's channel (on its platform). */
  gatePlaces(run: RunRecord): Array<[Platform, string]> {
    const tasks = this.named(run, 'tasks');
    const origin = this.originOf(run);
    if (!origin || tasks.some(([p]) => p === origin.platform)) return tasks;
    return [[origin.platform, origin.channelId], ...tasks];
  }

  /** Any other card for reviewers (a flagged gate): the run's channel and the tasks channels. */
  async toReviewChannels(db: Queryable, run: RunRecord, key: string, subject: string, card: Card, now: Date): Promise<void> {
    for (const [platform, channelId] of this.reviewChannels(run)) {
      await this.post(db, `${key}:${platform}:${channelId}`, subject, platform, { type: 'channel', channelId }, card, now);
    }
  }

  /** Edits every copy of a card (a gate after its decision, a run's status card). */
  async updateSubject(db: Queryable, subject: string, card: Card, version: string, now: Date): Promise<void> {
    for (const platform of this.options.platforms) {
      await queueOutbox(db, { dedupeKey: `${subject}:update:${version}:${platform}`, kind: 'update', subject, platform, target: null, payload: card, now });
    }
  }

  /** A block update in the run's thread. */
  async toRunThread(db: Queryable, run: RunRecord, key: string, card: Card, now: Date): Promise<void> {
    const origin = this.originOf(run);
    if (!origin) return;
    await this.post(db, `run:${run.id}:thread:${key}:${origin.platform}`, `run:${run.id}:${key}`, origin.platform, { type: 'run-thread', runId: run.id }, card, now);
  }

  /** Failures and breaches: the run's thread and every platform's alerts channel. */
  async alert(db: Queryable, run: RunRecord, key: string, card: Card, now: Date): Promise<void> {
    await this.toRunThread(db, run, key, card, now);
    for (const [platform, channelId] of this.named(run, 'alerts')) {
      await this.post(db, `run:${run.id}:alert:${key}:${platform}:${channelId}`, `run:${run.id}:${key}`, platform, { type: 'channel', channelId }, card, now);
    }
  }

  /** The channel where reviewers of this run's gates look, per platform. */
  reviewChannels(run: RunRecord): Array<[Platform, string]> {
    const out = new Map<string, [Platform, string]>();
    const origin = this.originOf(run);
    if (origin) out.set(`${origin.platform}:${origin.channelId}`, [origin.platform, origin.channelId]);
    for (const entry of this.named(run, 'tasks')) out.set(`${entry[0]}:${entry[1]}`, entry);
    return [...out.values()];
  }

  /**
   * A ladder step's channel name ("tasks", "alerts", or any name from config) mapped to ids per
   * platform: a template's own name for that purpose wins ("tasks" -> "factory-tasks").
   */
  channelsNamed(run: Pick<RunRecord, 'template'>, name: string): Array<[Platform, string]> {
    const aliases = (run.template.channels ?? {}) as Partial<Record<string, string>>;
    return this.named(run, 'tasks', ownValue(aliases, name) ?? name);
  }

  /** One post to one channel (a ladder step); the dedupe key is `${key}:${platform}:${channelId}`. */
  async toChannel(db: Queryable, platform: Platform, channelId: string, key: string, subject: string, card: Card, now: Date): Promise<void> {
    await this.post(db, `${key}:${platform}:${channelId}`, subject, platform, { type: 'channel', channelId }, card, now);
  }

  /** True when the run has a thread (or channel) on a running platform for `toRunThread`. */
  hasRunThread(run: RunRecord): boolean {
    return this.originOf(run) !== null;
  }

  /**
   * A direct message to one platform user (a reminder to the claimant or a named approver).
   * `notBefore` holds it back (the person's quiet hours); such a DM should have a subject of its own,
   * since a held row also holds back later rows of its subject.
   */
  async dm(db: Queryable, platform: Platform, userId: string, key: string, subject: string, card: Card, now: Date, notBefore?: Date): Promise<void> {
    const target: OutboxTarget = { type: 'user', userId };
    const later = notBefore && notBefore > now ? { notBefore } : {};
    await queueOutbox(db, { dedupeKey: `${key}:dm:${platform}:${userId}`, kind: 'dm', subject, platform, target, payload: card, now, ...later });
  }

  /** A page through the paging webhook (PagerDuty); the card's title and summary describe it. */
  async page(db: Queryable, key: string, subject: string, pager: { dedupKey: string; severity: 'critical' | 'error' | 'warning' | 'info' }, card: Card, now: Date): Promise<void> {
    const target: OutboxTarget = { type: 'pager', ...pager };
    await queueOutbox(db, { dedupeKey: `${key}:page`, kind: 'page', subject, platform: null, target, payload: card, now });
  }

  /** A named channel of the template (or the default name) mapped to ids per platform in config. */
  named(run: Pick<RunRecord, 'template'>, purpose: ChannelPurpose, nameOverride?: string): Array<[Platform, string]> {
    const name = nameOverride ?? run.template.channels?.[purpose] ?? purpose;
    const mapping = ownValue(this.options.channels, name);
    if (!mapping) return [];
    return this.options.platforms.flatMap((p) => {
      const id = (mapping as Partial<Record<Platform, string>>)[p];
      return id ? [[p, id] as [Platform, string]] : [];
    });
  }

  private originOf(run: RunRecord): { platform: Platform; channelId: string; threadId?: string | null } | null {
    const o = run.origin;
    if (!o || !o.channelId || !this.options.platforms.includes(o.platform)) return null;
    return { platform: o.platform, channelId: o.channelId, threadId: o.threadId };
  }

  private async post(db: Queryable, dedupeKey: string, subject: string, platform: Platform, target: OutboxTarget, payload: Card, now: Date): Promise<void> {
    await queueOutbox(db, { dedupeKey, kind: 'post', subject, platform, target, payload, now });
  }
}
