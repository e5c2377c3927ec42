import { describe, expect, it } from 'vitest';
import {
  ACTION_STEPS,
  GATE_VERBS,
  blockActionId,
  gateActionId,
  parseActionId,
  runActionId,
} from '../../../src/cards/action-ids';

describe('action ids', () => {
  it('GIVEN every gate verb with and without a step THEN parsing gives back the same action', () => {
    for (const verb of GATE_VERBS) {
      for (const step of [undefined, ...ACTION_STEPS]) {
        const id = gateActionId('7f3c2a10-0b1e-4c55-9a8e-3d2f6b1c9e77', verb, step);
        const parsed = parseActionId(id);
        expect(parsed).toEqual({
          ok: true,
          value: { target: 'gate', gateId: '7f3c2a10-0b1e-4c55-9a8e-3d2f6b1c9e77', verb, ...(step ? { step } : {}) },
        });
      }
    }
  });

  it('GIVEN a gate approve id THEN it is exactly gate:<id>:approve', () => {
    expect(gateActionId('g-1', 'approve')).toBe('gate:g-1:approve');
    expect(gateActionId('g-1', 'reject')).toBe('gate:g-1:reject');
  });

  it('GIVEN a run cancel confirmation THEN run:<id>:cancel:confirm round trips', () => {
    const id = runActionId('run-12', 'cancel', 'confirm');
    expect(id).toBe('run:run-12:cancel:confirm');
    expect(parseActionId(id)).toEqual({ ok: true, value: { target: 'run', runId: 'run-12', verb: 'cancel', step: 'confirm' } });
  });

  it('GIVEN a block retry THEN block:<run>:<block>:retry round trips', () => {
    const id = blockActionId('run-12', 'offer-extractor', 'retry');
    expect(id).toBe('block:run-12:offer-extractor:retry');
    expect(parseActionId(id)).toEqual({
      ok: true,
      value: { target: 'block', runId: 'run-12', blockId: 'offer-extractor', verb: 'retry' },
    });
  });

  it.each([
    ['', 'empty'],
    ['gate', 'no id or verb'],
    ['gate:g-1', 'no verb'],
    ['gate:g-1:approve:confirm:extra', 'too many parts'],
    ['gate:g-1:delete', 'unknown verb'],
    ['gate::approve', 'empty id'],
    ['gate:g 1:approve', 'space in the id'],
    ['gate:g-1:approve:maybe', 'unknown step'],
    ['GATE:g-1:approve', 'wrong case target'],
    ['job:j-1:approve', 'unknown target'],
    ['run:r-1:retry', 'verb of another target'],
    ['block:r-1:retry', 'block without block id'],
    [`gate:${'a'.repeat(64)}:approve:${'x'.repeat(40)}`, 'longer than 100 characters'],
    ['gate:g-1:approve\n', 'trailing newline'],
  ])('GIVEN %j (%s) THEN it is rejected with a reason, not thrown', (id) => {
    const parsed = parseActionId(id);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.length).toBeGreaterThan(0);
  });

  it('GIVEN a value that is not a string THEN it is rejected', () => {
    expect(parseActionId(42).ok).toBe(false);
    expect(parseActionId(undefined).ok).toBe(false);
    expect(parseActionId({ id: 'gate:g-1:approve' }).ok).toBe(false);
  });

  it('GIVEN an id containing a colon THEN the builder refuses it (it could not be parsed back)', () => {
    expect(() => gateActionId('g:1', 'approve')).toThrow(/cannot be used/);
    expect(() => blockActionId('run-1', 'a:b', 'retry')).toThrow(/cannot be used/);
  });

  it('GIVEN a UUID run id and a 50-character block id THEN the retry id fits Discord custom_id (100) and parses', () => {
    const id = blockActionId('7f3c2a10-0b1e-4c55-9a8e-3d2f6b1c9e77', 'b'.repeat(50), 'retry');
    expect(id.length).toBeLessThanOrEqual(100);
    expect(parseActionId(id).ok).toBe(true);
  });

  it('GIVEN ids that would make the action id longer than 100 characters THEN the builder refuses', () => {
    expect(() => blockActionId('7f3c2a10-0b1e-4c55-9a8e-3d2f6b1c9e77', 'b'.repeat(60), 'retry', 'confirm')).toThrow(/longer than 100/);
  });
});
