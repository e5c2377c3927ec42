/**
 * Validates a message body (create, edit, interaction response, follow-up) against Discord's
 * limits. Pure: the REST routes turn the result into a 400, and the renderer's unit tests call it
 * directly so that renderer and fake agree on every limit.
 */
import { DISCORD_LIMITS as L, MESSAGE_FLAGS } from './discord-limits';
import { FormErrors, isRecord, type FormIssue } from './form-errors';
import { validateActionRows } from './validate-components';

/** Non-form rejections Discord answers with their own JSON error code. */
export interface JsonCodeError {
  code: number;
  message: string;
}

export interface MessageValidation {
  form: FormErrors;
  /** Set when Discord would answer with a non-form error code (e.g. 50006 empty message). */
  jsonError?: JsonCodeError;
}

/**
 * Checks every limit the fake knows for a message body.
 * @param opts.isEdit edits may leave everything out (a PATCH changes only what it names).
 */
export function validateMessageBody(body: unknown, opts: { isEdit?: boolean } = {}): MessageValidation {
  const form = new FormErrors();
  if (!isRecord(body)) {
    form.add([], 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return { form };
  }
  form.text(['content'], body.content, L.content);
  if (body.embeds !== undefined && body.embeds !== null) validateEmbeds(form, body.embeds);
  if (body.components !== undefined && body.components !== null) {
    const flags = typeof body.flags === 'number' ? body.flags : 0;
    // Components V2 messages have a different grammar; the bot uses legacy rows only.
    if ((flags & MESSAGE_FLAGS.componentsV2) === 0) validateActionRows(form, ['components'], body.components);
  }
  if (!opts.isEdit && form.ok && isEmptyMessage(body)) {
    return { form, jsonError: { code: 50006, message: 'Cannot send an empty message' } };
  }
  return { form };
}

/** Shortcut for tests: the list of issues (empty when Discord would accept the body). */
export function messageIssues(body: unknown, opts: { isEdit?: boolean } = {}): FormIssue[] {
  const { form, jsonError } = validateMessageBody(body, opts);
  return jsonError ? [...form.issues, { path: [], code: String(jsonError.code), message: jsonError.message }] : form.issues;
}

function isEmptyMessage(body: Record<string, unknown>): boolean {
  const has = (key: string): boolean => {
    const v = body[key];
    return Array.isArray(v) ? v.length > 0 : typeof v === 'string' ? v.length > 0 : v !== undefined && v !== null;
  };
  return !['content', 'embeds', 'components', 'attachments', 'sticker_ids', 'poll', 'files'].some(has);
}

function validateEmbeds(form: FormErrors, embeds: unknown): void {
  if (!form.list(['embeds'], embeds, L.embeds)) return;
  let total = 0;
  embeds.forEach((embed, i) => {
    if (!isRecord(embed)) {
      form.add(['embeds', i], 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
      return;
    }
    total += validateEmbed(form, i, embed);
  });
  if (total > L.embedTotal) {
    form.add(['embeds'], 'MAX_EMBED_SIZE_EXCEEDED', `Embed size exceeds maximum size of ${L.embedTotal}`);
  }
}

/** Validates one embed and returns the characters it adds to the 6000 total. */
function validateEmbed(form: FormErrors, i: number, embed: Record<string, unknown>): number {
  const at = (...rest: Array<string | number>) => ['embeds', i, ...rest];
  const len = (v: unknown) => (typeof v === 'string' ? v.length : 0);
  form.text(at('title'), embed.title, L.embedTitle);
  form.text(at('description'), embed.description, L.embedDescription);
  let size = len(embed.title) + len(embed.description);
  if (embed.color !== undefined && (typeof embed.color !== 'number' || embed.color < 0 || embed.color > 0xffffff)) {
    form.add(at('color'), 'NUMBER_TYPE_MAX', `int value should be less than or equal to ${0xffffff}.`);
  }
  if (embed.timestamp !== undefined && Number.isNaN(Date.parse(String(embed.timestamp)))) {
    form.add(at('timestamp'), 'DATE_TYPE_PARSE', 'Could not parse timestamp. Should be ISO8601.');
  }
  if (isRecord(embed.footer)) {
    form.text(at('footer', 'text'), embed.footer.text, L.embedFooterText, { required: true, min: 1 });
    size += len(embed.footer.text);
  }
  if (isRecord(embed.author)) {
    form.text(at('author', 'name'), embed.author.name, L.embedAuthorName, { required: true, min: 1 });
    size += len(embed.author.name);
  }
  if (embed.fields !== undefined && form.list(at('fields'), embed.fields, L.embedFields)) {
    embed.fields.forEach((field, f) => {
      if (!isRecord(field)) return form.add(at('fields', f), 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
      form.text(at('fields', f, 'name'), field.name, L.embedFieldName, { required: true, min: 1 });
      form.text(at('fields', f, 'value'), field.value, L.embedFieldValue, { required: true, min: 1 });
      size += len(field.name) + len(field.value);
    });
  }
  return size;
}
