/**
 * Validates application command definitions (bulk overwrite or single create): name pattern and
 * 1-32 length, description 1-100 for CHAT_INPUT (empty for USER/MESSAGE), <= 25 options per level,
 * <= 25 choices (name 1-100, string value <= 100), the 8000-character combined size, unique names
 * and at most 100 CHAT_INPUT commands per scope. Source: DDOCS application-commands.mdx:18-177, :450.
 */
import { COMMAND_NAME_PATTERN, DISCORD_LIMITS as L } from './discord-limits';
import { FormErrors, isRecord, type FormPath } from './form-errors';

const CHAT_INPUT = 1;
const SUB_COMMAND = 1;
const SUB_COMMAND_GROUP = 2;

/** Validates a bulk-overwrite array; paths start at the array index like Discord's. */
export function validateCommandList(commands: unknown): FormErrors {
  const form = new FormErrors();
  if (!form.list([], commands, Number.MAX_SAFE_INTEGER)) return form;
  const names = new Set<string>();
  let chatInput = 0;
  commands.forEach((command, i) => {
    validateCommand(form, [i], command);
    if (!isRecord(command)) return;
    const type = (command.type as number | undefined) ?? CHAT_INPUT;
    if (type === CHAT_INPUT) chatInput += 1;
    const key = `${type}:${String(command.name)}`;
    if (names.has(key)) form.add([i, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', `Application command names must be unique`);
    names.add(key);
  });
  if (chatInput > L.chatInputCommandsPerScope) {
    form.add([], 'BASE_TYPE_MAX_LENGTH', `Must be ${L.chatInputCommandsPerScope} or fewer in length.`);
  }
  return form;
}

/** Validates one command; used by POST (create) with an empty base path. */
export function validateCommand(form: FormErrors, path: FormPath, command: unknown): void {
  if (!isRecord(command)) return form.add(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
  const type = (command.type as number | undefined) ?? CHAT_INPUT;
  validateName(form, [...path, 'name'], command.name, type === CHAT_INPUT);
  if (type === CHAT_INPUT) form.text([...path, 'description'], command.description, L.commandDescription, { min: 1, required: true });
  else if (command.description) form.add([...path, 'description'], 'APPLICATION_COMMAND_DESCRIPTION_NOT_ALLOWED', 'Description must be empty for this command type');
  if (command.options !== undefined) validateOptions(form, [...path, 'options'], command.options, 0);
  if (combinedSize(command) > L.commandTotal) {
    form.add(path, 'APPLICATION_COMMAND_TOO_LARGE', `Command exceeds maximum size (${L.commandTotal})`);
  }
}

function validateName(form: FormErrors, path: FormPath, name: unknown, chatInput: boolean): void {
  if (typeof name !== 'string' || name.length === 0) return form.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
  if (!chatInput) return form.text(path, name, 32, { min: 1 });
  if (!COMMAND_NAME_PATTERN.test(name) || name !== name.toLowerCase()) {
    form.add(path, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  }
}

function validateOptions(form: FormErrors, path: FormPath, options: unknown, depth: number): void {
  if (!form.list(path, options, L.commandOptions)) return;
  const names = new Set<string>();
  options.forEach((option, i) => {
    const at = [...path, i];
    if (!isRecord(option)) return form.add(at, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    validateName(form, [...at, 'name'], option.name, true);
    if (names.has(String(option.name))) form.add([...at, 'name'], 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Option names must be unique');
    names.add(String(option.name));
    form.text([...at, 'description'], option.description, L.commandDescription, { min: 1, required: true });
    const nested = option.type === SUB_COMMAND || option.type === SUB_COMMAND_GROUP;
    // command -> group -> subcommand is the deepest nesting Discord allows.
    if (nested && (depth > 1 || (depth === 1 && option.type === SUB_COMMAND_GROUP))) {
      form.add([...at, 'type'], 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'Subcommands cannot be nested this deep');
    }
    if (nested && option.options !== undefined) validateOptions(form, [...at, 'options'], option.options, depth + 1);
    if (option.choices !== undefined) validateChoices(form, [...at, 'choices'], option.choices);
    if (option.autocomplete === true && Array.isArray(option.choices) && option.choices.length > 0) {
      form.add([...at, 'autocomplete'], 'APPLICATION_COMMAND_AUTOCOMPLETE_INVALID', 'Autocomplete cannot be set with choices');
    }
  });
}

function validateChoices(form: FormErrors, path: FormPath, choices: unknown): void {
  if (!form.list(path, choices, L.commandChoices)) return;
  choices.forEach((choice, i) => {
    if (!isRecord(choice)) return form.add([...path, i], 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    form.text([...path, i, 'name'], choice.name, L.choiceName, { min: 1, required: true });
    if (typeof choice.value === 'string') form.text([...path, i, 'value'], choice.value, L.choiceStringValue);
  });
}

/** name + description + choice names/values of the command, its options and subcommands. */
function combinedSize(node: Record<string, unknown>): number {
  const len = (v: unknown) => (typeof v === 'string' ? v.length : typeof v === 'number' ? String(v).length : 0);
  let size = len(node.name) + len(node.description);
  for (const choice of Array.isArray(node.choices) ? node.choices : []) {
    if (isRecord(choice)) size += len(choice.name) + len(choice.value);
  }
  for (const option of Array.isArray(node.options) ? node.options : []) {
    if (isRecord(option)) size += combinedSize(option);
  }
  return size;
}
