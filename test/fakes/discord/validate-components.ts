/**
 * Validates legacy message components: up to 5 action rows, each with 1-5 buttons or exactly one
 * select; custom_id 1-100 and unique in the message; label <= 80; link buttons carry a url
 * (<= 512) and no custom_id. Source: DDOCS components/reference.mdx:70-199, :2542.
 */
import { DISCORD_LIMITS as L } from './discord-limits';
import { isRecord, type FormErrors, type FormPath } from './form-errors';

const ACTION_ROW = 1;
const BUTTON = 2;
const SELECTS = new Set([3, 5, 6, 7, 8]);
const LINK = 5;
const PREMIUM = 6;

/** Walks `components` (top-level action rows) and records every violation in `form`. */
export function validateActionRows(form: FormErrors, path: FormPath, rows: unknown): void {
  if (!form.list(path, rows, L.actionRows)) return;
  const seen = new Set<string>();
  rows.forEach((row, r) => {
    const rowPath = [...path, r];
    if (!isRecord(row) || row.type !== ACTION_ROW) {
      form.add([...rowPath, 'type'], 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', 'Top-level components must be action rows');
      return;
    }
    if (!form.list([...rowPath, 'components'], row.components, L.buttonsPerRow, 1)) return;
    const children = row.components;
    const selects = children.filter((c) => isRecord(c) && SELECTS.has(Number(c.type))).length;
    if (selects > 0 && children.length > 1) {
      form.add([...rowPath, 'components'], 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', 'The specified component exceeds the maximum width');
    }
    children.forEach((child, c) => validateComponent(form, [...rowPath, 'components', c], child, seen));
  });
}

function validateComponent(form: FormErrors, path: FormPath, component: unknown, seen: Set<string>): void {
  if (!isRecord(component)) {
    form.add(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return;
  }
  if (component.type === BUTTON) validateButton(form, path, component);
  else if (SELECTS.has(Number(component.type))) form.text([...path, 'custom_id'], component.custom_id, L.customIdMax, { min: L.customIdMin, required: true });
  else form.add([...path, 'type'], 'UNION_TYPE_CHOICES', `Value of field "type" must be one of (${[BUTTON, ...SELECTS].join(', ')}).`);
  if (typeof component.custom_id === 'string') {
    if (seen.has(component.custom_id)) {
      form.add([...path, 'custom_id'], 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
    }
    seen.add(component.custom_id);
  }
}

function validateButton(form: FormErrors, path: FormPath, button: Record<string, unknown>): void {
  const style = button.style;
  if (typeof style !== 'number' || style < 1 || style > 6) {
    form.add([...path, 'style'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3, 4, 5, 6}.');
    return;
  }
  form.text([...path, 'label'], button.label, L.buttonLabel);
  if (style === LINK) {
    form.text([...path, 'url'], button.url, L.buttonUrl, { required: true, min: 1 });
    if (button.custom_id !== undefined) form.add([...path, 'custom_id'], 'BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED', 'A custom id cannot be specified for link buttons');
  } else if (style !== PREMIUM) {
    form.text([...path, 'custom_id'], button.custom_id, L.customIdMax, { min: L.customIdMin, required: true });
    if (button.url !== undefined) form.add([...path, 'url'], 'BUTTON_COMPONENT_URL_NOT_ALLOWED', 'A url cannot be specified for non-link buttons');
  }
  if (style !== PREMIUM && !button.label && !button.emoji) {
    form.add([...path, 'label'], 'BUTTON_COMPONENT_LABEL_OR_EMOJI_REQUIRED', 'A label or emoji is required');
  }
}
