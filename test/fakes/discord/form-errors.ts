/**
 * Collects validation issues and renders them the way Discord answers a bad body:
 * HTTP 400 `{ code: 50035, message: 'Invalid Form Body', errors: { embeds: { 0: { title: {
 * _errors: [{ code, message }] } } } } }`. discord.js flattens that tree into the
 * DiscordAPIError message ("embeds[0].title[BASE_TYPE_MAX_LENGTH]: ..."), so the shape matters.
 */
export type FormPath = ReadonlyArray<string | number>;

/** One rejected field. */
export interface FormIssue {
  path: FormPath;
  code: string;
  message: string;
}

/** Discord's 400 body for an invalid form. */
export interface InvalidFormBody {
  code: 50035;
  message: 'Invalid Form Body';
  errors: Record<string, unknown>;
}

/** Accumulates issues while a validator walks a payload. */
export class FormErrors {
  readonly issues: FormIssue[] = [];

  add(path: FormPath, code: string, message: string): void {
    this.issues.push({ path, code, message });
  }

  /** A string that must be present and at most `max` long. */
  text(path: FormPath, value: unknown, max: number, opts: { min?: number; required?: boolean } = {}): void {
    if (value === undefined || value === null) {
      if (opts.required) this.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
      return;
    }
    if (typeof value !== 'string') {
      this.add(path, 'BASE_TYPE_STRING', 'Must be a string.');
      return;
    }
    const min = opts.min ?? 0;
    if (min > 0 && (value.length < min || value.length > max)) {
      if (value.length === 0 && opts.required) this.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
      else this.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
    } else if (value.length > max) {
      this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
    }
  }

  /** An array of at most `max` items (and at least `min`). */
  list(path: FormPath, value: unknown, max: number, min = 0): value is unknown[] {
    if (!Array.isArray(value)) {
      this.add(path, 'BASE_TYPE_ARRAY', 'Must be an array.');
      return false;
    }
    if (value.length < min || value.length > max) {
      const message = min > 0 ? `Must be between ${min} and ${max} in length.` : `Must be ${max} or fewer in length.`;
      this.add(path, min > 0 ? 'BASE_TYPE_BAD_LENGTH' : 'BASE_TYPE_MAX_LENGTH', message);
    }
    return true;
  }

  get ok(): boolean {
    return this.issues.length === 0;
  }

  /** The exact body Discord sends with the 400. */
  toBody(): InvalidFormBody {
    return { code: 50035, message: 'Invalid Form Body', errors: buildErrorTree(this.issues) };
  }
}

/** Nests issues by path; each leaf holds `_errors`. */
export function buildErrorTree(issues: readonly FormIssue[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const issue of issues) {
    let node = root;
    for (const key of issue.path) {
      const k = String(key);
      node[k] ??= {};
      node = node[k] as Record<string, unknown>;
    }
    const errors = (node._errors ??= []) as Array<{ code: string; message: string }>;
    errors.push({ code: issue.code, message: issue.message });
  }
  return root;
}

/** Narrows unknown JSON to a plain object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
