/**
 * Validates the data of a MODAL interaction response (callback type 9): custom_id 1-100,
 * title 1-45, 1-5 components, each a Label (type 18) around a Text Input or a legacy Action Row
 * holding exactly one Text Input. Text Input: custom_id 1-100 (unique), style 1|2, label <= 45
 * (legacy placement), min_length 0-4000, max_length 1-4000, value <= 4000, placeholder <= 100.
 * Sources: DDOCS receiving-and-responding.mdx:316-322; components/reference.mdx:484-518, :2011-2018.
 */
import { DISCORD_LIMITS as L } from './discord-limits';
import { FormErrors, isRecord, type FormPath } from './form-errors';

const ACTION_ROW = 1;
const TEXT_INPUT = 4;
const TEXT_DISPLAY = 10;
const LABEL = 18;

/** Returns the collected issues; `form.ok` when Discord would open the modal. */
export function validateModalData(data: unknown): FormErrors {
  const form = new FormErrors();
  if (!isRecord(data)) {
    form.add([], 'BASE_TYPE_REQUIRED', 'This field is required');
    return form;
  }
  form.text(['custom_id'], data.custom_id, L.customIdMax, { min: L.customIdMin, required: true });
  form.text(['title'], data.title, L.modalTitle, { min: 1, required: true });
  if (!form.list(['components'], data.components, L.modalComponentsMax, L.modalComponentsMin)) return form;
  const seen = new Set<string>();
  data.components.forEach((component, i) => {
    const path = ['components', i];
    if (!isRecord(component)) return form.add(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    if (component.type === LABEL) {
      form.text([...path, 'label'], component.label, L.textInputLabel, { min: 1, required: true });
      form.text([...path, 'description'], component.description, L.labelDescription);
      validateTextInput(form, [...path, 'component'], component.component, seen, false);
    } else if (component.type === ACTION_ROW) {
      if (!form.list([...path, 'components'], component.components, 1, 1)) return;
      validateTextInput(form, [...path, 'components', 0], component.components[0], seen, true);
    } else if (component.type !== TEXT_DISPLAY) {
      form.add([...path, 'type'], 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (1, 10, 18).');
    }
  });
  return form;
}

function validateTextInput(form: FormErrors, path: FormPath, input: unknown, seen: Set<string>, legacy: boolean): void {
  if (!isRecord(input) || input.type !== TEXT_INPUT) {
    form.add([...path, 'type'], 'UNION_TYPE_CHOICES', `Value of field "type" must be one of (${TEXT_INPUT}).`);
    return;
  }
  form.text([...path, 'custom_id'], input.custom_id, L.customIdMax, { min: L.customIdMin, required: true });
  if (typeof input.custom_id === 'string') {
    if (seen.has(input.custom_id)) form.add([...path, 'custom_id'], 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
    seen.add(input.custom_id);
  }
  if (input.style !== 1 && input.style !== 2) form.add([...path, 'style'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2}.');
  // The legacy placement must carry its own label; inside a Label component the label lives outside.
  form.text([...path, 'label'], input.label, L.textInputLabel, legacy ? { min: 1, required: true } : {});
  form.text([...path, 'value'], input.value, L.textInputLength);
  form.text([...path, 'placeholder'], input.placeholder, L.textInputPlaceholder);
  checkRange(form, [...path, 'min_length'], input.min_length, 0);
  checkRange(form, [...path, 'max_length'], input.max_length, 1);
}

function checkRange(form: FormErrors, path: FormPath, value: unknown, min: number): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value)) return form.add(path, 'NUMBER_TYPE_COERCE', 'Value is not int.');
  if (value < min) form.add(path, 'NUMBER_TYPE_MIN', `int value should be greater than or equal to ${min}.`);
  if (value > L.textInputLength) form.add(path, 'NUMBER_TYPE_MAX', `int value should be less than or equal to ${L.textInputLength}.`);
}
