/**
 * ModalRequest -> the data of a MODAL interaction response (callback type 9). Each field becomes a
 * Label (type 18) around a Text Input (type 4), the current shape (action rows in modals are
 * deprecated: components/reference.mdx:484-518). Titles and labels are cut to 45 with "…".
 */
import type { APIModalInteractionResponseCallbackData } from 'discord.js';
import type { ModalRequest } from '../../src/domain/card';
import { MAX_CUSTOM_ID, MAX_MODAL_COMPONENTS, MAX_MODAL_TITLE, MAX_TEXT_INPUT_LABEL, MAX_TEXT_INPUT_LENGTH, MAX_TEXT_INPUT_PLACEHOLDER } from './limits';
import { truncateVisible } from './truncate-text';

const LABEL = 18 as const;
const TEXT_INPUT = 4 as const;
const SHORT = 1 as const;
const PARAGRAPH = 2 as const;

function checkId(what: string, id: string): void {
  // The ids come back on submit and route the answer; cutting one would lose it.
  if (id.length === 0 || id.length > MAX_CUSTOM_ID) {
    throw new RangeError(`renderModal: ${what} id must be 1-${MAX_CUSTOM_ID} characters (got ${id.length}: "${id.slice(0, 40)}")`);
  }
}

/**
 * Renders the modal. Throws RangeError for ids outside 1-100 characters, duplicate field ids, or
 * zero or more than 5 fields: dropping a field would silently lose an answer the command needs.
 */
export function renderModal(modal: ModalRequest): APIModalInteractionResponseCallbackData {
  checkId('modal', modal.id);
  if (modal.fields.length === 0 || modal.fields.length > MAX_MODAL_COMPONENTS) {
    throw new RangeError(`renderModal: a Discord modal holds 1-${MAX_MODAL_COMPONENTS} fields (got ${modal.fields.length})`);
  }
  const seen = new Set<string>();
  const components = modal.fields.map((field) => {
    checkId('field', field.id);
    if (seen.has(field.id)) throw new RangeError(`renderModal: duplicate field id "${field.id}"`);
    seen.add(field.id);
    const input = {
      type: TEXT_INPUT,
      custom_id: field.id,
      style: field.multiline ? PARAGRAPH : SHORT,
      required: field.required,
      max_length: Math.min(Math.max(Math.floor(field.maxLength), 1), MAX_TEXT_INPUT_LENGTH),
      ...(field.placeholder?.trim() ? { placeholder: truncateVisible(field.placeholder.trim(), MAX_TEXT_INPUT_PLACEHOLDER) } : {}),
    };
    return { type: LABEL, label: truncateVisible(field.label.trim() || field.id, MAX_TEXT_INPUT_LABEL), component: input };
  });
  return {
    custom_id: modal.id,
    title: truncateVisible(modal.title.trim() || 'Process Factory', MAX_MODAL_TITLE),
    components,
  };
}
