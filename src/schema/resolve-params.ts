import { ownValue } from '../domain/own-value';
import { isBudgetParam } from './agent-controls';
import type { Template } from './template';

export interface ParamProblem {
  param: string;
  message: string;
}

/**
 * Checks run parameters (typed as text in chat) against a template's `params`: unknown names,
 * missing required ones, and values of the wrong type. Fills defaults. Reports every problem.
 * `budget_usd` and `budget_tokens` are accepted on every template: they set the run's budget.
 */
export function resolveParams(
  template: Pick<Template, 'params' | 'id'>,
  given: Record<string, string | number | boolean>,
): { ok: true; params: Record<string, string | number | boolean> } | { ok: false; problems: ParamProblem[] } {
  const problems: ParamProblem[] = [];
  const params: Record<string, string | number | boolean> = {};
  const declared = template.params;
  for (const name of Object.keys(given)) {
    if (isBudgetParam(name) && !Object.hasOwn(declared, name)) {
      const value = coerce('number', given[name]!);
      if (value === undefined || (value as number) <= 0) problems.push({ param: name, message: `"${name}" sets this run's budget: a number above 0, not "${String(given[name])}"` });
      else params[name] = value;
      continue;
    }
    if (!Object.hasOwn(declared, name)) {
      const known = Object.keys(declared);
      problems.push({
        param: name,
        message: `${template.id} has no parameter "${name}"${known.length ? ` (it takes: ${known.join(', ')})` : ' (it takes none)'}`,
      });
    }
  }
  for (const [name, spec] of Object.entries(declared)) {
    const raw = ownValue(given, name);
    if (raw === undefined || raw === '') {
      if (spec.default !== undefined) params[name] = spec.default;
      else if (spec.required) problems.push({ param: name, message: `"${name}" is required${spec.description ? `: ${spec.description}` : ''}` });
      continue;
    }
    const value = coerce(spec.type, raw);
    if (value === undefined) problems.push({ param: name, message: `"${name}" must be ${article(spec.type)}, not "${String(raw)}"` });
    else params[name] = value;
  }
  return problems.length ? { ok: false, problems } : { ok: true, params };
}

function coerce(type: 'string' | 'number' | 'boolean' | 'url', raw: string | number | boolean): string | number | boolean | undefined {
  const text = String(raw).trim();
  switch (type) {
    case 'string':
      return text;
    case 'number':
      return text !== '' && Number.isFinite(Number(text)) ? Number(text) : undefined;
    case 'boolean':
      return /^(true|yes|1)$/i.test(text) ? true : /^(false|no|0)$/i.test(text) ? false : undefined;
    case 'url':
      return URL.canParse(text) && /^https?:/.test(text) ? text : undefined;
  }
}

function article(type: string): string {
  return type === 'url' ? 'an http(s) URL' : `a ${type}`;
}
