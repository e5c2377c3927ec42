import type { Template } from '../../schema/template';

/** One problem in a template: where (a JSON path such as `$.blocks[3].inputs.depends[0].block`) and what to do. */
export interface TemplateIssue {
  path: string;
  message: string;
}

/** `warnings` are fields accepted without behaviour yet (see check-patterns); they never refuse a template. */
export type TemplateValidation =
  | { ok: true; template: Template; warnings: TemplateIssue[] }
  | { ok: false; issues: TemplateIssue[]; warnings: TemplateIssue[] };

export type PathSegment = string | number;

/** Collects issues while the checks walk the raw JSON. */
export type ReportIssue = (path: readonly PathSegment[], message: string) => void;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Renders path segments as a JSON path: `$.blocks[3].inputs`, `$.params["odd key"]`. */
export function toJsonPath(path: readonly PathSegment[]): string {
  let out = '$';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
