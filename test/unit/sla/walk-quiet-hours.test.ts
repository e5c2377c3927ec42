import { describe, expect, it } from 'vitest';
import { HOUR, MIN, at, pendingGate, policyOf, timeline, walkGate } from './sla-fixtures';

const BERLIN_OFFICE = { timezone: 'Europe/Berlin', hours: '09:00-18:00', days: [1, 2, 3, 4, 5] };
// Friday 28 March 2025, 17:30 in Berlin (CET, UTC+1). Clocks go to CEST on Sunday 30 March.
const FRIDAY_1730 = at('2025-03-28T16:30:00.000Z');

describe('GIVEN Berlin office hours and a gate opened on Friday at 17:30', () => {
  it('WHEN the deadline is the default 4h THEN the evening steps fold into the 21:30 escalation, which is not deferred', () => {
    const walk = walkGate({
      gate: pendingGate(FRIDAY_1730),
      policy: policyOf({ quiet_hours: BERLIN_OFFICE }),
      from: FRIDAY_1730,
      to: new Date(FRIDAY_1730.getTime() + 48 * HOUR),
      stepMs: 5 * MIN,
    });
    expect(timeline(walk.messages)).toEqual([
      '2025-03-28T16:30:00.000Z 0:0 notify channel',
      '2025-03-28T20:30:00.000Z 4:0 escalate admins +[1:0,2:0,3:0]',
      '2025-03-28T22:30:00.000Z 5:0 page owner',
    ]);
  });

  it('WHEN the deadline is 72h THEN the weekend is skipped, Monday starts at 09:00 local (CEST), and the after-hours warning folds into the escalation', () => {
    const walk = walkGate({
      gate: pendingGate(FRIDAY_1730),
      policy: policyOf({ deadline: '72h', quiet_hours: BERLIN_OFFICE }),
      from: FRIDAY_1730,
      to: new Date(FRIDAY_1730.getTime() + 96 * HOUR),
      stepMs: 5 * MIN,
    });
    expect(timeline(walk.messages)).toEqual([
      '2025-03-28T16:30:00.000Z 0:0 notify channel',
      // Monday 09:00 CEST is 07:00 UTC (it was 08:00 UTC before the weekend's DST change).
      '2025-03-31T07:00:00.000Z 2:0 mention channel +[1:0]',
      // 72h later is 18:30 CEST (DST ate an hour); the 18:00 warning is after hours, so it folds in.
      '2025-03-31T16:30:00.000Z 4:0 escalate admins +[3:0]',
      '2025-03-31T18:30:00.000Z 5:0 page owner',
    ]);
  });

  it('WHEN a step is urgent THEN quiet hours do not defer it', () => {
    const walk = walkGate({
      gate: pendingGate(FRIDAY_1730),
      policy: policyOf({
        deadline: '72h',
        quiet_hours: BERLIN_OFFICE,
        steps: [
          { at: '1h', action: 'remind', urgent: true },
          { at: '2h', action: 'mention' },
        ],
      }),
      from: FRIDAY_1730,
      to: new Date(FRIDAY_1730.getTime() + 96 * HOUR),
      stepMs: 5 * MIN,
    });
    expect(timeline(walk.messages)).toEqual([
      '2025-03-28T17:30:00.000Z 0:0 remind assignee',
      '2025-03-31T07:00:00.000Z 1:0 mention channel',
    ]);
  });
});

describe('GIVEN New York office hours across the November DST change', () => {
  it('THEN a step due on Friday evening is sent on Monday at 09:00 EST', () => {
    // Friday 31 October 2025, 16:45 EDT (20:45 UTC): the reminder at 17:15 is after hours.
    // Clocks fall back on Sunday 2 November, so Monday 09:00 is 14:00 UTC, not 13:00.
    const opened = at('2025-10-31T20:45:00.000Z');
    const walk = walkGate({
      gate: pendingGate(opened),
      policy: policyOf({
        deadline: '5d',
        quiet_hours: { timezone: 'America/New_York', hours: '09:00-17:00' },
        steps: [{ at: '30m', action: 'remind' }],
      }),
      from: opened,
      to: new Date(opened.getTime() + 96 * HOUR),
      stepMs: 5 * MIN,
    });
    expect(timeline(walk.messages)).toEqual(['2025-11-03T14:00:00.000Z 0:0 remind assignee']);
  });
});
