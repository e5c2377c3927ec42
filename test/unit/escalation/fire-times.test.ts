import { describe, expect, it } from 'vitest';
import { explainLoopCron } from '../../../src/scheduling/cron-loop';
import { latestFireAtOrBefore, nextFireAfter } from '../../../src/scheduling/fire-times';

const d = (iso: string) => new Date(iso);

describe('fire times of scheduled runs', () => {
  it('GIVEN 06:00 Europe/Berlin THEN it stays at 06:00 local across the spring-forward change', () => {
    // Clocks went from UTC+1 to UTC+2 on Sunday 30 March 2025.
    expect(nextFireAfter('0 6 * * *', 'Europe/Berlin', d('2025-03-29T06:00:00Z'))).toEqual(d('2025-03-30T04:00:00Z'));
    expect(nextFireAfter('0 6 * * *', 'Europe/Berlin', d('2025-03-28T06:00:00Z'))).toEqual(d('2025-03-29T05:00:00Z'));
  });

  it('GIVEN no time zone THEN UTC', () => {
    expect(nextFireAfter('0 6 * * *', null, d('2025-06-02T05:59:59Z'))).toEqual(d('2025-06-02T06:00:00Z'));
  });

  it('GIVEN an instant exactly at a fire time THEN the next fire is strictly after it, and the latest is that instant', () => {
    const six = d('2025-06-02T06:00:00Z');
    expect(nextFireAfter('0 6 * * *', 'UTC', six)).toEqual(d('2025-06-03T06:00:00Z'));
    expect(latestFireAtOrBefore('0 6 * * *', 'UTC', six)).toEqual(six);
  });

  it('GIVEN three days of missed hourly fires THEN the latest one stands for them all', () => {
    expect(latestFireAtOrBefore('0 * * * *', null, d('2025-06-05T10:17:00Z'))).toEqual(d('2025-06-05T10:00:00Z'));
  });

  it('GIVEN six-field (seconds) expressions THEN they are honoured', () => {
    expect(nextFireAfter('*/10 * * * * *', null, d('2025-06-02T06:00:01Z'))).toEqual(d('2025-06-02T06:00:10Z'));
  });

  it('GIVEN an unreadable expression or zone THEN null, not an exception', () => {
    expect(nextFireAfter('not cron', null, d('2025-06-02T00:00:00Z'))).toBeNull();
    expect(latestFireAtOrBefore('0 6 * * *', 'Mars/Olympus', d('2025-06-02T00:00:00Z'))).toBeNull();
  });

  it('GIVEN ESCALATION_CRON values THEN a bad one is explained in a sentence', () => {
    expect(explainLoopCron('*/30 * * * * *')).toBeNull();
    expect(explainLoopCron('every 30s')).toMatch(/not a cron expression/);
  });
});
