import { describe, expect, it } from 'vitest';
import { EPHEMERAL_MARKER, renderReply } from '../../../adapters/console/render-reply';
import { measureWidth } from '../../../adapters/console/render-text-width';
import { buildGateCard } from '../../../src/cards/gate-card';
import { rejectModal } from '../../../src/cards/gate-modals';
import { NOW, makeGate } from '../cards/fixtures';

describe('console replies', () => {
  it('GIVEN a public text reply THEN it is the text, wrapped', () => {
    const r = renderReply({ type: 'text', text: 'Run clone-factory #12 started.', ephemeral: false }, { width: 80, color: false });
    expect(r).toEqual({ text: 'Run clone-factory #12 started.', actions: [] });
  });

  it('GIVEN an ephemeral text reply THEN it is marked as only visible to you and dimmed with colour on', () => {
    const plain = renderReply({ type: 'text', text: 'You may not approve this gate.', ephemeral: true }, { width: 80, color: false });
    expect(plain.text.split('\n')).toEqual([`┊ ${EPHEMERAL_MARKER}`, '┊ You may not approve this gate.']);
    const coloured = renderReply({ type: 'text', text: 'x', ephemeral: true }, { width: 80, color: true });
    expect(coloured.text).toContain('\u001b[2m');
  });

  it('GIVEN an ephemeral card THEN it is boxed under the marker, fits the width, and keeps its actions', () => {
    const r = renderReply({ type: 'card', card: buildGateCard(makeGate(), { now: NOW }), ephemeral: true }, { width: 60, color: false });
    const lines = r.text.split('\n');
    expect(lines[0]).toBe(`┊ ${EPHEMERAL_MARKER}`);
    expect(lines[1]!.startsWith('┊ ┌')).toBe(true);
    for (const line of lines) expect(measureWidth(line)).toBeLessThanOrEqual(60);
    expect(r.actions.map((a) => a.actionId)).toEqual(['gate:g-101:approve', 'gate:g-101:reject', 'gate:g-101:claim', 'gate:g-101:reassign']);
  });

  it('GIVEN a modal THEN it shows the prompt the console will ask', () => {
    const r = renderReply({ type: 'modal', modal: rejectModal(makeGate()) }, { width: 80, color: false });
    expect(r.text).toBe('✎ Reject: Expert framework\n  Reason (required, up to 3000 characters): What must change?');
    expect(r.actions).toEqual([]);
  });
});
