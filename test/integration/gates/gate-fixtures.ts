/**
 * Set-up for the gate tests (quorum, handover, bulk, priority): the escalation tests' context on
 * Discord and Slack, plus quorum groups and a person with quiet hours, and templates whose gate
 * opens as soon as a run starts. No runner: every gate waits on a person, time is injected.
 */
import type { FileConfig } from '../../../src/config-file';
import type { Actor } from '../../../src/domain/actor';
import { validateTemplate } from '../../../src/engine/validate-template';
import type { ServiceContext } from '../../../src/runner/service-context';
import type { Template } from '../../../src/schema/template';
import type { Database } from '../../../src/store/database';
import { CONFIG, IDS, escalationContext } from '../escalation/escalation-fixtures';

export const person = (platform: 'discord' | 'slack', id: string, name: string): Actor => ({ type: 'human', platform, id, name });

/** Reviewers: Ana and Bo on Discord, Cy on Slack; Lea is legal, Eli and Eve are engineers. */
export const PEOPLE = {
  ana: person('discord', IDS.reviewer, 'ana'),
  bo: person('discord', '300000000000000002', 'bo'),
  cy: person('slack', IDS.slackReviewer, 'cy'),
  lea: person('slack', 'ULEGAL001', 'lea'),
  eli: person('discord', '300000000000000003', 'eli'),
  eve: person('slack', 'UENG00002', 'eve'),
} as const;

const principal = (a: Actor) => `${a.platform}:user:${a.id}`;

export const GATE_CONFIG: FileConfig = {
  ...CONFIG,
  roles: {
    ...CONFIG.roles,
    reviewer: [PEOPLE.ana, PEOPLE.bo, PEOPLE.cy, PEOPLE.lea, PEOPLE.eli, PEOPLE.eve].map(principal),
    // Ana also starts runs (for the self-approval rule).
    operator: [principal(PEOPLE.ana)],
  },
  groups: { legal: [principal(PEOPLE.lea)], eng: [principal(PEOPLE.eli), principal(PEOPLE.eve)] },
  // Bo works 09:00-17:00 in Berlin, Monday to Friday.
  people: { [principal(PEOPLE.bo)]: { quiet_hours: { timezone: 'Europe/Berlin', hours: '09:00-17:00', days: [1, 2, 3, 4, 5] } } },
};

/** One review block with a before-gate (opens at start), then a block that reads its output. */
export function reviewTemplate(id: string, review: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Template {
  const result = validateTemplate({
    id,
    name: `Review ${id}`,
    channels: { feed: 'factory-feed', tasks: 'factory-tasks', alerts: 'factory-alerts' },
    ...extra,
    blocks: [
      { id: 'review', name: 'Contract review', type: 'review', runtime: 'simulate', human_gate: 'before', review, outputs: { artifacts: [{ key: 'notes', format: 'md' }] } },
      { id: 'publish', name: 'Publish', type: 'build', runtime: 'simulate', inputs: { depends: [{ block: 'review', key: 'notes' }] } },
    ],
  });
  if (!result.ok) throw new Error(`test template rejected: ${JSON.stringify(result.issues)}`);
  return result.template;
}

/** The escalation context with the gate tests' config (groups, people). */
export function gateContext(database: Database, templates: Template[]): ServiceContext {
  return { ...escalationContext(database, templates), config: GATE_CONFIG };
}
