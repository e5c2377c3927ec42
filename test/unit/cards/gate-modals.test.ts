import { describe, expect, it } from 'vitest';
import { parseActionId } from '../../../src/cards/action-ids';
import { answerModal, rejectModal } from '../../../src/cards/gate-modals';
import { makeGate } from './fixtures';

describe('gate modals', () => {
  it('GIVEN a gate THEN the reject modal asks for a required multiline reason under gate:<id>:reject', () => {
    const modal = rejectModal(makeGate());
    expect(modal).toEqual({
      id: 'gate:g-101:reject',
      title: 'Reject: Expert framework',
      fields: [{ id: 'reason', label: 'Reason', placeholder: 'What must change?', required: true, multiline: true, maxLength: 3000 }],
    });
    expect(parseActionId(modal.id)).toEqual({ ok: true, value: { target: 'gate', gateId: 'g-101', verb: 'reject' } });
  });

  it('GIVEN a long block name THEN the title is cut to 45 characters', () => {
    const modal = rejectModal(makeGate({ blockName: 'A very long block name that goes on and on and on' }));
    expect(modal.title.length).toBeLessThanOrEqual(45);
    expect(modal.title).toMatch(/^Reject: A very long.*…$/);
  });

  it('GIVEN a clarification THEN the answer modal shows the question as placeholder under gate:<id>:answer', () => {
    const modal = answerModal(makeGate({ kind: 'clarification', question: 'Which of the two books is canonical?' }));
    expect(modal.id).toBe('gate:g-101:answer');
    expect(modal.title).toBe('Answer: Expert framework');
    expect(modal.fields[0]).toMatchObject({ id: 'reason', label: 'Answer', placeholder: 'Which of the two books is canonical?', required: true, maxLength: 3000 });
  });

  it('GIVEN a task THEN the reject modal asks why it cannot be done', () => {
    const modal = rejectModal(makeGate({ kind: 'task' }));
    expect(modal.title).toBe("Can't do: Expert framework");
    expect(modal.fields[0]?.label).toBe('Why not?');
  });
});
