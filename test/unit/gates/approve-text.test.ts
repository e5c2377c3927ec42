import { describe, expect, it } from 'vitest';
import { conditionsText, describeBulkResult, gateSelectorText, parseApproveText } from '../../../commands/approve-many';
import { buildBulkApprovalConfirmation } from '../../../src/cards';
import { makeGate } from '../cards/fixtures';

const NOW = new Date('2026-03-02T10:00:00Z');

describe('approve text', () => {
  it('GIVEN ids, a filter, a note and conditions THEN each lands in its option', () => {
    expect(parseApproveText(['12', '#13', 'ship', 'it', 'if:', 'tests', 'pass;', 'docs'])).toEqual({ gate: '12 #13', note: 'ship it', conditions: 'tests pass; docs' });
    expect(parseApproveText(['run=4'])).toEqual({ gate: 'run=4', note: undefined, conditions: undefined });
    expect(parseApproveText(['7', 'if:only', 'on', 'Fridays'])).toEqual({ gate: '7', note: undefined, conditions: 'only on Fridays' });
    expect(parseApproveText(['abc', 'note'])).toMatchObject({ gate: 'abc', note: 'note' });
  });
  it('GIVEN selector text THEN ids and a run; a bad token is an error', () => {
    expect(gateSelectorText.parse('12 #13 12 run=4')).toEqual({ gateIds: ['12', '13'], runId: '4' });
    expect(gateSelectorText.safeParse('12 nope').success).toBe(false);
    expect(conditionsText.parse(' a ; ;b ')).toEqual(['a', 'b']);
  });
  it('GIVEN a bulk preview THEN the card lists each gate and its buttons carry only the stored id', () => {
    const card = buildBulkApprovalConfirmation({ id: '9', gates: [makeGate({ id: '12' }), makeGate({ id: '13', quorum: { required: 2, approvals: [], missing: [] } })], skipped: [{ gateId: '14', why: 'already approved' }], note: null }, { now: NOW });
    expect(card.title).toBe('Approve 2 gates?');
    expect(card.description).toContain('#12 **Expert framework**');
    expect(card.description).toContain('0 of 2 approvals');
    expect(card.description).toContain('Left out: #14 (already approved)');
    expect(card.actions?.map((a) => a.id)).toEqual(['bulk:9:approve:confirm', 'bulk:9:approve:dismiss']);
    expect(describeBulkResult({ results: [{ gateId: '12', blockName: 'Draft', outcome: 'decided' }, { gateId: '13', blockName: null, outcome: 'refused', why: 'no' }] })).toBe('Approved 1 of 2:\n#12 Draft: approved\n#13: not approved (no)');
  });
});
