import { describe, expect, it } from 'vitest';
import type { SlaGate } from '../../../src/engine/sla';
import { HOUR, MIN, at, pendingGate, policyOf, timeline, walkGate } from './sla-fixtures';

const OPENED = at('2025-06-03T10:00:00.000Z');
const END = new Date(OPENED.getTime() + 48 * HOUR);
const snooze = (when: string, until: string) => ({ at: at(when), apply: (g: SlaGate): SlaGate => ({ ...g, snoozedUntil: at(until) }) });

describe('GIVEN the default ladder and a snooze', () => {
  it('WHEN snoozed at 10:40 until 13:00 THEN the 12:00 mention waits until 13:00 and the rest keeps its times', () => {
    const walk = walkGate({
      gate: pendingGate(OPENED),
      policy: policyOf(),
      from: OPENED,
      to: END,
      stepMs: 5 * MIN,
      events: [snooze('2025-06-03T10:40:00.000Z', '2025-06-03T13:00:00.000Z')],
    });
    expect(timeline(walk.messages)).toEqual([
      '2025-06-03T10:00:00.000Z 0:0 notify channel',
      '2025-06-03T10:30:00.000Z 1:0 remind assignee',
      '2025-06-03T13:00:00.000Z 2:0 mention channel',
      '2025-06-03T13:30:00.000Z 3:0 warn channel',
      '2025-06-03T14:00:00.000Z 4:0 escalate admins',
      '2025-06-03T16:00:00.000Z 5:0 page owner',
    ]);
  });

  it('WHEN snoozed past the deadline THEN the snooze ends at the deadline and the deadline steps are not delayed', () => {
    const walk = walkGate({
      gate: pendingGate(OPENED),
      policy: policyOf(),
      from: OPENED,
      to: END,
      stepMs: 5 * MIN,
      events: [snooze('2025-06-03T10:40:00.000Z', '2025-06-03T20:00:00.000Z')],
    });
    expect(timeline(walk.messages)).toEqual([
      '2025-06-03T10:00:00.000Z 0:0 notify channel',
      '2025-06-03T10:30:00.000Z 1:0 remind assignee',
      '2025-06-03T14:00:00.000Z 4:0 escalate admins +[2:0,3:0]',
      '2025-06-03T16:00:00.000Z 5:0 page owner',
    ]);
    expect(walk.deadlineActions).toEqual([{ at: '2025-06-03T14:00:00.000Z', action: 'escalate' }]);
  });

  it('WHEN a snooze lies in the past THEN it changes nothing', () => {
    const gate = pendingGate(OPENED, { snoozedUntil: at('2025-06-03T09:00:00.000Z') });
    const snoozed = walkGate({ gate, policy: policyOf(), from: OPENED, to: END, stepMs: 5 * MIN });
    const plain = walkGate({ gate: pendingGate(OPENED), policy: policyOf(), from: OPENED, to: END, stepMs: 5 * MIN });
    expect(snoozed.messages).toEqual(plain.messages);
  });
});
