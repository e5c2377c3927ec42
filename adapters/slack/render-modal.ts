import type { types } from '@slack/bolt';
import type { ModalRequest } from '../../src/domain/card';
import {
  MAX_ACTION_ID, MAX_BLOCK_ID, MAX_CALLBACK_ID, MAX_INPUT_LABEL, MAX_MODAL_BUTTON, MAX_MODAL_TITLE, MAX_PLACEHOLDER,
  MAX_PLAIN_TEXT_INPUT_LENGTH, MAX_PRIVATE_METADATA, MAX_VIEW_BLOCKS,
} from './limits';
import { truncatePlain } from './mrkdwn';

/**
 * Renders a ModalRequest as a Slack modal for views.open. `callback_id` is the modal's opaque id, so
 * `app.view(id)` finds the submission; each field becomes an input block whose block_id and
 * action_id are both the field id, so its value is at `view.state.values[id][id].value`.
 * Display text is cut to Slack's limits (title ≤24 with an ellipsis, labels ≤2000, placeholders
 * ≤150) and `max_length` is clamped to 1–3000. Pure.
 *
 * @throws RangeError for programming errors that cutting would hide: an id longer than 255, private
 * metadata longer than 3000, more than 100 fields, or two fields with the same id.
 */
export function renderModal(modal: ModalRequest, privateMetadata: string): types.ModalView {
  requireLength('modal id (callback_id)', modal.id, MAX_CALLBACK_ID);
  if (privateMetadata.length > MAX_PRIVATE_METADATA) {
    throw new RangeError(`renderModal: private_metadata is ${privateMetadata.length} characters; Slack allows ${MAX_PRIVATE_METADATA} (keep state in the database, pass an id)`);
  }
  if (modal.fields.length > MAX_VIEW_BLOCKS) throw new RangeError(`renderModal: ${modal.fields.length} fields; a modal holds at most ${MAX_VIEW_BLOCKS} blocks`);
  const ids = new Set<string>();
  const blocks: types.InputBlock[] = modal.fields.map((field) => {
    requireLength('field id (block_id/action_id)', field.id, Math.min(MAX_BLOCK_ID, MAX_ACTION_ID));
    if (ids.has(field.id)) throw new RangeError(`renderModal: duplicate field id "${field.id}"`);
    ids.add(field.id);
    const element: types.PlainTextInput = {
      type: 'plain_text_input',
      action_id: field.id,
      multiline: field.multiline,
      max_length: Math.min(MAX_PLAIN_TEXT_INPUT_LENGTH, Math.max(1, Math.floor(field.maxLength))),
    };
    if (field.placeholder) element.placeholder = { type: 'plain_text', text: truncatePlain(field.placeholder, MAX_PLACEHOLDER) };
    return {
      type: 'input',
      block_id: field.id,
      label: { type: 'plain_text', text: truncatePlain(field.label || field.id, MAX_INPUT_LABEL) },
      element,
      optional: !field.required,
    };
  });
  return {
    type: 'modal',
    callback_id: modal.id,
    private_metadata: privateMetadata,
    title: { type: 'plain_text', text: truncatePlain(modal.title || 'Process Factory', MAX_MODAL_TITLE) },
    submit: { type: 'plain_text', text: truncatePlain('Submit', MAX_MODAL_BUTTON) },
    close: { type: 'plain_text', text: truncatePlain('Cancel', MAX_MODAL_BUTTON) },
    blocks,
  };
}

function requireLength(what: string, value: string, max: number): void {
  if (value.length === 0 || value.length > max) {
    throw new RangeError(`renderModal: ${what} must be 1–${max} characters (got ${value.length})`);
  }
}
