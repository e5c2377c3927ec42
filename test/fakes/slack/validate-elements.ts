import { SLACK } from './slack-limits';

/**
 * Collects validation problems in the form Slack reports them in `invalid_blocks` answers:
 * `"<what is wrong> [json-pointer:/blocks/0/text/text]"`.
 */
export class Problems {
  readonly list: string[] = [];
  add(message: string, pointer: string): void {
    this.list.push(`${message} [json-pointer:${pointer}]`);
  }
}

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks a length against Slack's inclusive limits, worded as Slack words it. */
export function checkLength(p: Problems, value: unknown, pointer: string, max: number, min = 1): void {
  if (typeof value !== 'string') return p.add('must be a string', pointer);
  if (value.length < min) p.add(`must be more than ${min - 1} characters`, pointer);
  if (value.length > max) p.add(`must be less than ${max + 1} characters`, pointer);
}

/** A composition text object: `{ type: plain_text | mrkdwn, text }`. */
export function checkTextObject(p: Problems, value: unknown, pointer: string, max: number, plainOnly = false): void {
  if (!isObject(value)) return p.add('must provide an object', pointer);
  const allowed = plainOnly ? ['plain_text'] : ['plain_text', 'mrkdwn'];
  if (!allowed.includes(String(value.type))) p.add(`must be one of: ${allowed.join(', ')}`, `${pointer}/type`);
  checkLength(p, value.text, `${pointer}/text`, max);
}

function checkActionId(p: Problems, element: Json, pointer: string, required: boolean): void {
  if (element.action_id === undefined) {
    if (required) p.add('missing required field: action_id', pointer);
    return;
  }
  checkLength(p, element.action_id, `${pointer}/action_id`, SLACK.actionId);
}

export function checkButton(p: Problems, button: Json, pointer: string): void {
  checkTextObject(p, button.text, `${pointer}/text`, SLACK.buttonText, true);
  checkActionId(p, button, pointer, false);
  if (button.value !== undefined) checkLength(p, button.value, `${pointer}/value`, SLACK.buttonValue);
  if (button.url !== undefined) {
    checkLength(p, button.url, `${pointer}/url`, SLACK.buttonUrl);
    if (typeof button.url === 'string' && !/^https?:\/\/\S+$/.test(button.url)) p.add('must be a valid URL', `${pointer}/url`);
  }
  if (button.style !== undefined && button.style !== 'primary' && button.style !== 'danger') p.add('must be one of: primary, danger', `${pointer}/style`);
}

export function checkPlainTextInput(p: Problems, input: Json, pointer: string): void {
  checkActionId(p, input, pointer, false);
  const { max_length: maxLength, min_length: minLength } = input;
  if (maxLength !== undefined && (typeof maxLength !== 'number' || maxLength < 1 || maxLength > SLACK.plainTextInputMaxLength)) {
    p.add(`must be between 1 and ${SLACK.plainTextInputMaxLength}`, `${pointer}/max_length`);
  }
  if (minLength !== undefined && (typeof minLength !== 'number' || minLength < 0 || minLength > SLACK.plainTextInputMaxLength)) {
    p.add(`must be between 0 and ${SLACK.plainTextInputMaxLength}`, `${pointer}/min_length`);
  }
  if (input.placeholder !== undefined) checkTextObject(p, input.placeholder, `${pointer}/placeholder`, SLACK.placeholder, true);
  if (input.multiline !== undefined && typeof input.multiline !== 'boolean') p.add('must be a boolean', `${pointer}/multiline`);
}

/** Any interactive element: buttons and text inputs in detail, others only their action_id. */
export function checkElement(p: Problems, element: unknown, pointer: string): void {
  if (!isObject(element)) return p.add('must provide an object', pointer);
  if (element.type === 'button') return checkButton(p, element, pointer);
  if (element.type === 'plain_text_input') return checkPlainTextInput(p, element, pointer);
  if (typeof element.type !== 'string') return p.add('missing required field: type', pointer);
  checkActionId(p, element, pointer, false);
}
