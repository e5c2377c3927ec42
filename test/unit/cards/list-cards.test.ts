import { describe, expect, it } from 'vitest';
import { buildAuditCard as buildAuditCardWithTokens } from '../../../src/cards/audit-card';
import { buildHelpCard } from '../../../src/cards/help-card';
import { buildSchedulesCard as buildSchedulesCardWithTokens } from '../../../src/cards/schedules-card';
import { buildTemplatesCard } from '../../../src/cards/templates-card';
import type { AuditEntryView } from '../../../src/domain/views';
import { NOW, minutesFromNow, asPlain } from './fixtures';

const buildAuditCard = asPlain(buildAuditCardWithTokens);
const buildSchedulesCard = asPlain(buildSchedulesCardWithTokens);

describe('templates card', () => {
  it('GIVEN templates THEN each shows its counts and params with required and default', () => {
    const card = buildTemplatesCard([
      {
        id: 'clone-factory',
        name: 'Clone factory',
        version: 2,
        blockCount: 18,
        gateCount: 3,
        params: [
          { name: 'expert_name', type: 'string', required: true },
          { name: 'brand_url', type: 'url', required: false, default: 'https://example.com' },
          { name: 'notes', type: 'string', required: false },
        ],
      },
    ]);
    expect(card.title).toBe('Templates (1)');
    expect(card.sections?.[0]).toEqual({
      title: 'Clone factory (`clone-factory` v2)',
      text: '18 blocks, 3 gates\nParameters: `expert_name` (required), `brand_url` = https://example.com, `notes` (optional)',
    });
  });

  it('GIVEN no templates THEN it says how to add one', () => {
    expect(buildTemplatesCard([]).description).toContain('templates/');
  });
});

describe('schedules card', () => {
  it('GIVEN schedules THEN it shows cron, next fire relative to now, and paused ones', () => {
    const card = buildSchedulesCard(
      [
        { templateId: 'daily-digest', templateName: 'Daily digest', cron: '0 6 * * *', timezone: 'Europe/Berlin', nextFireAt: minutesFromNow(200), paused: false },
        { templateId: 'weekly', cron: '0 9 * * 1', nextFireAt: null, paused: true },
      ],
      { now: NOW },
    );
    expect(card.fields).toEqual([
      { label: 'Daily digest (daily-digest)', value: '`0 6 * * *` Europe/Berlin · next in 3h 20m (17:20 UTC)' },
      { label: 'weekly', value: '`0 9 * * 1` · ⏸️ paused' },
    ]);
    expect(card.summary).toBe('2 schedules, 1 active');
  });
});

describe('audit card', () => {
  const entry = (overrides: Partial<AuditEntryView>): AuditEntryView => ({
    id: 'a1',
    at: new Date('2025-03-04T13:02:00Z'),
    actor: { type: 'human', name: 'Ana', platform: 'slack' },
    action: 'gate.approved',
    entity: { type: 'gate', id: 'g-101', label: 'Expert framework' },
    runName: 'clone-factory #12',
    from: 'pending',
    to: 'approved',
    ...overrides,
  });

  it('GIVEN entries THEN each line says who did what, when and from where, newest first', () => {
    const card = buildAuditCard(
      [entry({}), entry({ id: 'a2', at: new Date('2025-03-04T13:30:00Z'), actor: { type: 'system', name: 'Process Factory', platform: 'system' }, action: 'gate.expired', to: 'expired', reason: 'deadline' })],
      { now: NOW },
    );
    expect(card.kind).toBe('audit');
    expect(card.sections?.[0]?.text.split('\n')).toEqual([
      '13:30 UTC · **Process Factory** (system) · gate.expired · Expert framework · pending → expired: deadline',
      '13:02 UTC · **Ana** (Slack) · gate.approved · Expert framework · pending → approved',
    ]);
  });

  it('GIVEN no entries THEN it says nothing was recorded', () => {
    expect(buildAuditCard([], { now: NOW }).description).toBe('Nothing recorded yet.');
  });
});

describe('help card', () => {
  it('GIVEN command entries THEN it lists usage and description in order', () => {
    const card = buildHelpCard([
      { name: 'status', usage: '/factory status [run]', description: 'Where a run stands' },
      { name: 'blockers', usage: '/factory blockers', description: 'What is stuck and why' },
    ]);
    expect(card.kind).toBe('help');
    expect(card.sections?.[0]?.text).toBe('`/factory status [run]`: Where a run stands\n`/factory blockers`: What is stuck and why');
  });
});
