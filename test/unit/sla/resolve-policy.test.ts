import { describe, expect, it } from 'vitest';
import { parseStepTiming, resolvePolicy } from '../../../src/engine/sla';
import { HOUR, MIN, policyOf } from './sla-fixtures';

describe('GIVEN no layers', () => {
  it('THEN the defaults apply: 4h deadline, escalate, 2h claim lapse, no auto-approve, no quiet hours', () => {
    const policy = policyOf();
    expect(policy).toMatchObject({ deadlineMs: 4 * HOUR, onDeadline: 'escalate', claimLapseMs: 2 * HOUR, allowAutoApprove: false, quietHours: null });
    expect(policy.steps.map((s) => s.action)).toEqual(['notify', 'remind', 'mention', 'warn', 'escalate', 'page']);
  });
});

describe('GIVEN config < template < block review layers', () => {
  const config = { deadline: '8h', claim_lapse: '1h', quiet_hours: { timezone: 'Europe/Berlin', hours: '09:00-18:00' } };
  const template = { deadline: '6h', steps: [{ at: '1h', action: 'remind' }, { at: 'deadline', action: 'escalate' }] };
  const review = { steps: [{ at: '15m', action: 'mention', channel: 'feed' }], on_deadline: 'reject' };

  it('THEN a later layer wins key by key', () => {
    const policy = policyOf(config, template, review);
    expect(policy).toMatchObject({ deadlineMs: 6 * HOUR, claimLapseMs: HOUR, onDeadline: 'reject' });
    expect(policy.quietHours).toEqual({ timezone: 'Europe/Berlin', hours: '09:00-18:00', days: [1, 2, 3, 4, 5] });
  });

  it('THEN steps replace the whole ladder instead of merging', () => {
    expect(policyOf(config, template, review).steps.map((s) => [s.at, s.action, s.channel])).toEqual([['15m', 'mention', 'feed']]);
    expect(policyOf(config, template).steps.map((s) => s.at)).toEqual(['1h', 'deadline']);
  });

  it('THEN undefined layers are skipped', () => {
    expect(policyOf(undefined, template, undefined).deadlineMs).toBe(6 * HOUR);
  });
});

describe('GIVEN a ladder written out of order', () => {
  it('THEN steps are ordered by when they first fire, so the level grows with time', () => {
    const policy = policyOf({
      deadline: '4h',
      steps: [
        { at: 'deadline+2h', action: 'page' },
        { at: '30m', action: 'remind' },
        { at: 'deadline-1h', action: 'warn' },
        { at: '0', action: 'notify' },
      ],
    });
    expect(policy.steps.map((s) => [s.index, s.at])).toEqual([[0, '0'], [1, '30m'], [2, 'deadline-1h'], [3, 'deadline+2h']]);
  });
});

describe('GIVEN step defaults', () => {
  it('THEN channels and mentions default by action, and repeat max defaults to 3', () => {
    const policy = policyOf({
      steps: [
        { at: '0', action: 'here' },
        { at: '1h', action: 'remind', repeat: { every: '1h' } },
        { at: 'deadline', action: 'escalate' },
      ],
    });
    expect(policy.steps[0]).toMatchObject({ channel: 'tasks', mentions: ['@here'] });
    expect(policy.steps[1]).toMatchObject({ repeat: { everyMs: HOUR, max: 3 } });
    expect(policy.steps[1]!.channel).toBeUndefined();
    expect(policy.steps[2]).toMatchObject({ channel: 'alerts' });
  });
});

describe('GIVEN an invalid policy', () => {
  it.each([
    [{ quiet_hours: { timezone: 'Mars/Olympus', hours: '09:00-18:00', days: [1] } }, 'quiet_hours.timezone'],
    [{ quiet_hours: { timezone: 'UTC', hours: '18:00-09:00', days: [1] } }, 'quiet_hours.hours'],
    [{ quiet_hours: { timezone: 'UTC', hours: '09:75-18:00', days: [1] } }, 'quiet_hours.hours'],
    [{ quiet_hours: { timezone: 'UTC', hours: '09:00-25:00', days: [1] } }, 'quiet_hours.hours'],
    [{ quiet_hours: { timezone: 'UTC', hours: '09:00-18:00', days: [] } }, 'quiet_hours.days'],
    [{ deadline: 0 }, 'deadline'],
    [{ claim_lapse: 0 }, 'claim_lapse'],
    [{ steps: [{ at: 'soon', action: 'remind' }] }, 'steps[0].at'],
    [{ steps: [{ at: '1h', action: 'remind', repeat: { every: 0, max: 2 } }] }, 'steps[0].repeat.every'],
  ])('THEN %j is refused at %s, without throwing', (layer, path) => {
    const result = resolvePolicy([layer as never]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.map((e) => e.path)).toContain(path);
  });

  it('THEN every problem is reported, not only the first', () => {
    const result = resolvePolicy([{ on_deadline: 'approve', deadline: 0 } as never]);
    expect(result.ok ? [] : result.error.map((e) => e.path)).toEqual(['deadline', 'on_deadline']);
  });
});

describe('GIVEN step times as people write them', () => {
  it.each([
    ['0', { anchor: 'opened', offsetMs: 0 }],
    ['30m', { anchor: 'opened', offsetMs: 30 * MIN }],
    ['2h30m', { anchor: 'opened', offsetMs: 150 * MIN }],
    ['deadline', { anchor: 'deadline', offsetMs: 0 }],
    ['deadline-30m', { anchor: 'deadline', offsetMs: -30 * MIN }],
    ['deadline+2h', { anchor: 'deadline', offsetMs: 2 * HOUR }],
    ['deadline+1h-15m', { anchor: 'deadline', offsetMs: 45 * MIN }],
  ])('THEN "%s" parses', (text, expected) => {
    expect(parseStepTiming(text)).toEqual(expected);
  });

  it.each(['', 'soon', 'deadline+', 'deadline*2', 'deadlines', '-30m'])('THEN "%s" is not a step time', (text) => {
    expect(parseStepTiming(text)).toBeNull();
  });
});
