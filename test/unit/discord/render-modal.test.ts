import { describe, expect, it } from 'vitest';
import { renderModal } from '../../../adapters/discord/render-modal';
import type { ModalRequest } from '../../../src/domain/card';
import { validateModalData } from '../../fakes/discord';

const field = (over: Partial<ModalRequest['fields'][number]> = {}): ModalRequest['fields'][number] => ({ id: 'reason', label: 'Reason', required: true, multiline: true, maxLength: 1000, ...over });
const modal = (over: Partial<ModalRequest> = {}): ModalRequest => ({ id: 'gate:42:reject', title: 'Reject gate', fields: [field()], ...over });

describe('renderModal', () => {
  it('GIVEN a 60-character title THEN it is cut to 45 with "…" and the fake accepts the modal', () => {
    const data = renderModal(modal({ title: 'R'.repeat(60) }));
    expect(data.title).toHaveLength(45);
    expect(data.title.endsWith('…')).toBe(true);
    expect(validateModalData(data).issues).toEqual([]);
  });

  it('GIVEN a field THEN a Label around a paragraph Text Input with required and max_length', () => {
    const data = renderModal(modal({ fields: [field({ placeholder: 'Why?' }), field({ id: 'ticket', label: 'Ticket', multiline: false, required: false, maxLength: 20 })] }));
    expect(data.components).toEqual([
      { type: 18, label: 'Reason', component: { type: 4, custom_id: 'reason', style: 2, required: true, max_length: 1000, placeholder: 'Why?' } },
      { type: 18, label: 'Ticket', component: { type: 4, custom_id: 'ticket', style: 1, required: false, max_length: 20 } },
    ]);
    expect(validateModalData(data).issues).toEqual([]);
  });

  it('GIVEN a 60-character label and maxLength 10,000 THEN label 45 with "…" and max_length 4000', () => {
    const data = renderModal(modal({ fields: [field({ label: 'L'.repeat(60), maxLength: 10_000, placeholder: 'p'.repeat(150) })] }));
    const label = data.components[0] as { label: string; component: { max_length: number; placeholder: string } };
    expect(label.label).toHaveLength(45);
    expect(label.component.max_length).toBe(4000);
    expect(label.component.placeholder).toHaveLength(100);
    expect(validateModalData(data).issues).toEqual([]);
  });

  it('GIVEN 6 fields, no field, a 101-character id or duplicate field ids THEN RangeError', () => {
    expect(() => renderModal(modal({ fields: Array.from({ length: 6 }, (_, i) => field({ id: `f${i}` })) }))).toThrow(RangeError);
    expect(() => renderModal(modal({ fields: [] }))).toThrow(RangeError);
    expect(() => renderModal(modal({ id: 'x'.repeat(101) }))).toThrow(RangeError);
    expect(() => renderModal(modal({ fields: [field(), field()] }))).toThrow(/duplicate/);
  });
});
