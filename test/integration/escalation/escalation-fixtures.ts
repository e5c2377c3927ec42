/**
 * Shared set-up for the escalation and schedule tests: a real ServiceContext (no runner: every gate
 * here waits on a person, and time is injected), Discord and Slack with named channels, roles,
 * an owner, and a one-block template whose gate opens as soon as a run starts.
 */
import { EMPTY_FILE_CONFIG, type FileConfig } from '../../../src/config-file';
import type { Actor } from '../../../src/domain/actor';
import type { GateRecord } from '../../../src/domain/records';
import { validateTemplate } from '../../../src/engine/validate-template';
import { EscalationSweep } from '../../../src/escalation/escalation-sweep';
import { silentLogger } from '../../../src/log';
import { Metrics } from '../../../src/metrics';
import { Notifier } from '../../../src/runner/notifier';
import { createRun } from '../../../src/runner/run-operations';
import { RunService } from '../../../src/runner/run-service';
import type { ServiceContext } from '../../../src/runner/service-context';
import { TemplateCatalog } from '../../../src/runner/template-catalog';
import type { Template } from '../../../src/schema/template';
import { openDatabase, type Database } from '../../../src/store/database';
import { afterAll, beforeAll } from 'vitest';
import { OPEN_TIMEOUT_MS, type TestDatabaseHandle } from '../../support/databases';
import { listPendingGates } from '../../../src/store/gates.store';

export const MIN = 60_000;
export const HOUR = 60 * MIN;

/** Discord snowflakes and Slack ids of the test workspace. */
export const IDS = {
  discordOrigin: '100000000000000009',
  discordTasks: '100000000000000001',
  discordAlerts: '100000000000000002',
  discordFeed: '100000000000000003',
  slackTasks: 'CTASKS001',
  slackAlerts: 'CALERTS01',
  slackFeed: 'CFEED0001',
  adminRole: '200000000000000001',
  slackAdmin: 'UADMIN001',
  reviewer: '300000000000000001',
  slackReviewer: 'UREVIEW01',
  owner: '400000000000000001',
} as const;

/** Channel ids back to readable names, for timelines. */
export const CHANNEL_NAMES: Record<string, string> = {
  [IDS.discordOrigin]: 'origin',
  [IDS.discordTasks]: 'tasks',
  [IDS.discordAlerts]: 'alerts',
  [IDS.discordFeed]: 'feed',
  [IDS.slackTasks]: 'tasks',
  [IDS.slackAlerts]: 'alerts',
  [IDS.slackFeed]: 'feed',
};

export const CONFIG: FileConfig = {
  ...EMPTY_FILE_CONFIG,
  roles: {
    admin: [`discord:role:${IDS.adminRole}`, `slack:user:${IDS.slackAdmin}`],
    reviewer: [`discord:user:${IDS.reviewer}`, `slack:user:${IDS.slackReviewer}`],
  },
  channels: {
    'factory-tasks': { discord: IDS.discordTasks, slack: IDS.slackTasks },
    'factory-alerts': { discord: IDS.discordAlerts, slack: IDS.slackAlerts },
    'factory-feed': { discord: IDS.discordFeed, slack: IDS.slackFeed },
  },
  owner: `discord:user:${IDS.owner}`,
};

export const operator: Actor = { type: 'human', platform: 'console', id: 'console', name: 'you' };
export const reviewer: Actor = { type: 'human', platform: 'discord', id: IDS.reviewer, name: 'Ana' };

/** A validated template: one review block with a before-gate, its approvers named as users. */
export function gateTemplate(opts: { id?: string; sla?: object; owner?: string; trigger?: object; params?: object } = {}): Template {
  const result = validateTemplate({
    id: opts.id ?? 'sla-walk',
    name: 'SLA walk',
    channels: { feed: 'factory-feed', tasks: 'factory-tasks', alerts: 'factory-alerts' },
    ...(opts.sla ? { sla: opts.sla } : {}),
    ...(opts.owner ? { owner: opts.owner } : {}),
    ...(opts.trigger ? { trigger: opts.trigger } : {}),
    ...(opts.params ? { params: opts.params } : {}),
    blocks: [
      {
        id: 'review',
        name: 'Legal review',
        type: 'review',
        runtime: 'simulate',
        human_gate: 'before',
        review: { approvers: [`discord:user:${IDS.reviewer}`, `slack:user:${IDS.slackReviewer}`] },
      },
    ],
  });
  if (!result.ok) throw new Error(`test template rejected: ${JSON.stringify(result.issues)}`);
  return result.template;
}

/** The run service's context on `database`, posting to Discord and Slack. */
export function escalationContext(database: Database, templates: Template[] = [gateTemplate()]): ServiceContext {
  return {
    database,
    catalog: TemplateCatalog.fromTemplates(templates),
    config: CONFIG,
    notifier: new Notifier({ platforms: ['discord', 'slack'], channels: CONFIG.channels }),
    metrics: new Metrics(),
  };
}

/** A sweep on `ctx` with the test owner; `sweep(now)` is driven by the test. */
export function sweeper(ctx: ServiceContext): EscalationSweep {
  return new EscalationSweep({ ctx, log: silentLogger(), owner: CONFIG.owner, batchSize: 50 });
}

/** Starts a run of `template` at `now` (from the Discord channel ORIGIN) and returns its open gate. */
export async function openGateAt(ctx: ServiceContext, template: Template, now: Date): Promise<GateRecord> {
  const run = await createRun(ctx, { templateId: template.id, params: {}, simulate: false, actor: operator, origin: { platform: 'discord', channelId: IDS.discordOrigin } }, now, template);
  const gate = (await listPendingGates(ctx.database.db, { runId: run.id }))[0];
  if (!gate) throw new Error('the test template opened no gate');
  return gate;
}

export function serviceAt(ctx: ServiceContext): RunService {
  return new RunService(ctx, () => {
    throw new Error('tests pass time in');
  });
}

/** `sweep(now)` every `stepMs` from `from` to `to` inclusive. */
export async function walk(sweep: EscalationSweep, from: Date, to: Date, stepMs = 5 * MIN, during?: (now: Date) => Promise<void>): Promise<void> {
  for (let t = from.getTime(); t <= to.getTime(); t += stepMs) {
    const now = new Date(t);
    await during?.(now);
    await sweep.sweep(now);
  }
}

/**
 * Opens the test database and a second connection to it, as a second replica would have (on
 * PGlite, one connection: both are the same and their transactions take turns), and closes both.
 */
export function useTwoConnections(open: () => Promise<TestDatabaseHandle>, use: (database: TestDatabaseHandle, second: Database) => void): void {
  let database: TestDatabaseHandle | undefined;
  let second: Database | undefined;
  beforeAll(async () => {
    database = await open();
    second = database.connectionString ? await openDatabase({ databaseUrl: database.connectionString, poolMax: 5 }) : database;
    use(database, second);
  }, OPEN_TIMEOUT_MS);
  afterAll(async () => {
    if (second && second !== database) await second.close();
    await database?.close();
  });
}
