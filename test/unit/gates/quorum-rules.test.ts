import { describe, expect, it } from 'vitest';
import { approvalWouldCount, quorumRule, tallyQuorum, validateQuorum } from '../../../src/engine/quorum';
import { paceForPriority, personalDeliveryTime, resolvePolicy } from '../../../src/engine/sla';
import { parsePersonRef } from '../../../src/schema/person-ref';
import { describeQuorum } from '../../../src/cards';
import { gatePriority } from '../../../src/runner/open-gate';
import type { Template } from '../../../src/schema/template';

const vote = (voter: string, ...groups: string[]) => ({ voter, name: voter, groups });

describe('tallyQuorum', () => {
  it('GIVEN required 2 THEN distinct people count, the same person twice counts once', () => {
    const rule = quorumRule({ required_approvals: 2 });
    expect(tallyQuorum(rule, [vote('a'), vote('a')])).toMatchObject({ met: false, approvals: 1, counted: 1 });
    expect(tallyQuorum(rule, [vote('a'), vote('b')])).toMatchObject({ met: true, counted: 2 });
  });

  it('GIVEN one from legal and one from eng THEN a person in both fills one place, and a later approver is matched around them', () => {
    const rule = quorumRule({ approval_groups: { legal: 1, eng: 1 } });
    expect(rule.required).toBe(2);
    expect(tallyQuorum(rule, [vote('lea', 'legal', 'eng')])).toMatchObject({ met: false, counted: 1 });
    // Lea first took a place; Eli (eng only) arrives: the matching moves Lea to legal.
    const done = tallyQuorum(rule, [vote('lea', 'legal', 'eng'), vote('eli', 'eng')]);
    expect(done).toMatchObject({ met: true, missing: [] });
    expect(done.slotOf).toEqual({ lea: 'legal', eli: 'eng' });
  });

  it('GIVEN only group places left THEN an approval from outside the groups would not count', () => {
    const rule = quorumRule({ required_approvals: 2, approval_groups: { legal: 1 } });
    expect(approvalWouldCount(rule, [], vote('ana'))).toBe(true);
    expect(approvalWouldCount(rule, [vote('ana')], vote('bo'))).toBe(false);
    expect(approvalWouldCount(rule, [vote('ana')], vote('lea', 'legal'))).toBe(true);
    expect(tallyQuorum(rule, [vote('ana')]).missing).toEqual([{ group: 'legal', need: 1 }]);
  });

  it('GIVEN progress THEN the card words it', () => {
    expect(describeQuorum({ required: 2, approvals: [{ name: 'ana', platform: 'slack', group: null }], missing: [] })).toBe('1 of 2: approved by ana');
    expect(describeQuorum({ required: 2, approvals: [], missing: [{ group: 'legal', need: 1 }] })).toBe('0 of 2: no approvals yet; needs 1 more from legal');
  });
});

describe('validateQuorum', () => {
  const template = (review: object) => ({ blocks: [{ id: 'b', review }] }) as unknown as Pick<Template, 'blocks'>;
  it('GIVEN more approvals than named approvers, or a too-small or unknown group THEN each is refused at its path', () => {
    expect(validateQuorum(template({ required_approvals: 3, approvers: ['slack:user:U1', 'slack:user:U2'] }), {})).toEqual([
      { path: '$.blocks[0].review.required_approvals', segments: ['blocks', 0, 'review', 'required_approvals'], message: 'needs 3 distinct approvers but only 2 may approve this gate' },
    ]);
    expect(validateQuorum(template({ approval_groups: { legal: 2 } }), { groups: { legal: ['slack:user:U1'] } })[0]?.message).toBe('needs 2 approvals from legal, which has only 1 member');
    expect(validateQuorum(template({ approval_groups: { ops: 1 } }), {})[0]?.path).toBe('$.blocks[0].review.approval_groups.ops');
    expect(validateQuorum(template({ required_approvals: 1, approval_groups: { legal: 1, eng: 1 } }), { groups: { legal: ['*'], eng: ['*'] } })[0]?.message).toContain('approval_groups alone need 2');
  });
  it('GIVEN approvers that cannot be counted (a platform role) THEN nothing is refused', () => {
    expect(validateQuorum(template({ required_approvals: 5, approvers: ['discord:role:123'] }), {})).toEqual([]);
  });
});

describe('priority', () => {
  it('GIVEN the default pace THEN a critical gate runs its deadline and steps twice as fast, medium unchanged', () => {
    const policy = resolvePolicy([{ deadline: 4 * 3_600_000 }]);
    if (!policy.ok) throw new Error('policy');
    const critical = paceForPriority(policy.value, 'critical');
    expect(critical.deadlineMs).toBe(2 * 3_600_000);
    expect(critical.steps.find((s) => s.action === 'remind')?.timing.offsetMs).toBe(15 * 60_000);
    expect(paceForPriority(policy.value, 'medium')).toBe(policy.value);
  });
  it('GIVEN a block and a run priority THEN the gate takes the more urgent', () => {
    const run = (priority: 'low' | 'critical', own?: 'high') => ({ priority, template: { blocks: [{ id: 'b', review: own ? { priority: own } : undefined }] } }) as unknown as Parameters<typeof gatePriority>[0];
    expect(gatePriority(run('low', 'high'), 'b')).toBe('high');
    expect(gatePriority(run('critical', 'high'), 'b')).toBe('critical');
    expect(gatePriority(run('low'), 'b')).toBe('low');
  });
});

describe('personal quiet hours', () => {
  const quiet = { timezone: 'Europe/Berlin', hours: '09:00-17:00', days: [1, 2, 3, 4, 5] };
  it('GIVEN a Monday 21:00 Berlin THEN a DM waits for Tuesday 09:00, unless urgent', () => {
    const now = new Date('2026-03-02T20:00:00Z');
    expect(personalDeliveryTime(now, quiet, false).toISOString()).toBe('2026-03-03T08:00:00.000Z');
    expect(personalDeliveryTime(now, quiet, true)).toBe(now);
    expect(personalDeliveryTime(now, undefined, false)).toBe(now);
    expect(personalDeliveryTime(now, { ...quiet, timezone: 'Mars/Olympus' }, false)).toBe(now);
  });
});

describe('parsePersonRef', () => {
  it.each([
    ['<@123456789012345678>', 'discord', { platform: 'discord', id: '123456789012345678', name: '<@123456789012345678>' }],
    ['<@U0123ABC|ana>', 'slack', { platform: 'slack', id: 'U0123ABC', name: '@ana' }],
    ['slack:user:U9', 'discord', { platform: 'slack', id: 'U9', name: '<@U9>' }],
    ['@bo', 'console', { platform: 'console', id: 'bo', name: 'bo' }],
  ])('GIVEN %s on %s THEN the person', (text, platform, expected) => {
    const parsed = parsePersonRef(text, platform as 'discord');
    expect(parsed.ok && parsed.value).toMatchObject(expected);
  });
  it('GIVEN a channel or a plain name on Slack THEN it says how to name a person', () => {
    expect(parsePersonRef('<#C123>', 'slack').ok).toBe(false);
    const plain = parsePersonRef('@ana', 'slack');
    expect(!plain.ok && plain.error).toContain('slack:user:U123');
  });
});

describe('validateTemplate with the config’s approvers', () => {
  it('GIVEN a quorum larger than the named approvers THEN the template is refused at load, at its JSON path', async () => {
    const { validateTemplate } = await import('../../../src/engine/validate-template');
    const template = {
      id: 'too-many',
      name: 'Too many',
      blocks: [{ id: 'sign', name: 'Sign', type: 'review', runtime: 'simulate', human_gate: 'before', review: { required_approvals: 3, approvers: ['slack:user:U1', 'slack:user:U2'] } }],
    };
    const result = validateTemplate(template, { approvers: { groups: {}, roles: {} } });
    expect(result.ok ? [] : result.issues).toEqual([{ path: '$.blocks[0].review.required_approvals', message: 'needs 3 distinct approvers but only 2 may approve this gate' }]);
    expect(validateTemplate(template).ok).toBe(true);
  });
});
