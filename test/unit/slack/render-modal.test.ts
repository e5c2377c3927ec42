import { describe, expect, it } from 'vitest';
import { renderModal } from '../../../adapters/slack/render-modal';
import type { ModalRequest } from '../../../src/domain/card';
import { validateView } from '../../fakes/slack';

const modal = (over: Partial<ModalRequest> = {}): ModalRequest => ({
  id: 'gate:42:reject',
  title: 'Reject deploy',
  fields: [{ id: 'reason', label: 'Why?', placeholder: 'What must change', required: true, multiline: true, maxLength: 2000 }],
  ...over,
});

describe('renderModal', () => {
  it('GIVEN a reject form THEN a modal whose callback_id is the modal id and whose input ids are the field id', () => {
    const view = renderModal(modal(), 'gate:42');
    expect(validateView(view, 'modal')).toBeNull();
    expect(view).toEqual({
      type: 'modal', callback_id: 'gate:42:reject', private_metadata: 'gate:42',
      title: { type: 'plain_text', text: 'Reject deploy' },
      submit: { type: 'plain_text', text: 'Submit' }, close: { type: 'plain_text', text: 'Cancel' },
      blocks: [{
        type: 'input', block_id: 'reason', optional: false, label: { type: 'plain_text', text: 'Why?' },
        element: { type: 'plain_text_input', action_id: 'reason', multiline: true, max_length: 2000, placeholder: { type: 'plain_text', text: 'What must change' } },
      }],
    });
  });

  it('GIVEN texts over the limits THEN title ≤24, label ≤2000, placeholder ≤150, max_length clamped to 1..3000; Slack accepts it', () => {
    const view = renderModal(modal({
      title: 'Reject deploy of nightly-build #42 because',
      fields: [
        { id: 'reason', label: 'L'.repeat(2500), placeholder: 'P'.repeat(200), required: true, multiline: true, maxLength: 5000 },
        { id: 'note', label: 'Note', required: false, multiline: false, maxLength: 0 },
      ],
    }), '');
    expect(validateView(view, 'modal')).toBeNull();
    expect(view.title.text).toBe('Reject deploy of nightl…');
    const [reason, note] = view.blocks as Array<{ label: { text: string }; optional: boolean; element: { max_length: number; placeholder?: { text: string } } }>;
    expect(reason?.label.text).toHaveLength(2000);
    expect(reason?.element.placeholder?.text).toHaveLength(150);
    expect(reason?.element.max_length).toBe(3000);
    expect(note?.element.max_length).toBe(1);
    expect(note?.optional).toBe(true);
  });

  it('GIVEN ids or metadata Slack cannot hold THEN a RangeError, since cutting them would break routing', () => {
    expect(() => renderModal(modal({ id: 'x'.repeat(256) }), '')).toThrow(RangeError);
    expect(() => renderModal(modal(), 'm'.repeat(3001))).toThrow(/private_metadata/);
    expect(() => renderModal(modal({ fields: [{ id: 'f'.repeat(256), label: 'x', required: true, multiline: false, maxLength: 10 }] }), '')).toThrow(/255/);
    const twice = { id: 'same', label: 'x', required: true, multiline: false, maxLength: 10 };
    expect(() => renderModal(modal({ fields: [twice, twice] }), '')).toThrow(/duplicate/);
    const many = Array.from({ length: 101 }, (_, i) => ({ id: `f${i}`, label: 'x', required: false, multiline: false, maxLength: 10 }));
    expect(() => renderModal(modal({ fields: many }), '')).toThrow(/100/);
    expect(validateView(renderModal(modal({ id: 'x'.repeat(255), fields: many.slice(0, 100) }), 'm'.repeat(3000)), 'modal')).toBeNull();
  });
});
