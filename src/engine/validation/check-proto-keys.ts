import type { PathSegment, ReportIssue } from './issues';

/**
 * JSON.parse keeps a `"__proto__"` key as an own key, but assigning it anywhere later replaces an
 * object's prototype instead, and the schema's records skip it silently. Refused wherever it is.
 */
export function checkProtoKeys(input: unknown, report: ReportIssue, path: PathSegment[] = []): void {
  if (Array.isArray(input)) {
    input.forEach((item, i) => checkProtoKeys(item, report, [...path, i]));
    return;
  }
  if (typeof input !== 'object' || input === null) return;
  for (const key of Object.keys(input)) {
    if (key === '__proto__') {
      report([...path, key], 'The key "__proto__" is reserved (every JavaScript object has it) and cannot be used anywhere in a template; choose another name.');
    } else checkProtoKeys((input as Record<string, unknown>)[key], report, [...path, key]);
  }
}
