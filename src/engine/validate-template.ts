import { templateSchema } from '../schema/template';
import { checkAgentRules, type ValidationKnowledge } from './validation/check-agent-rules';
import { checkBlockRules } from './validation/check-block-rules';
import { checkCron } from './validation/check-cron';
import { checkCycles } from './validation/check-cycles';
import { checkDependencies, checkDuplicateIds } from './validation/check-dependencies';
import { checkSla } from './validation/check-sla';
import { toJsonPath, type PathSegment, type TemplateIssue, type TemplateValidation } from './validation/issues';
import { rawBlocksOf } from './validation/raw-template';
import { translateZodIssue } from './validation/translate-zod-issue';

export type { TemplateIssue, TemplateValidation } from './validation/issues';
export type { ValidationKnowledge } from './validation/check-agent-rules';

/**
 * Validates a template read from JSON and reports every problem at once, each with its JSON path
 * and a sentence that says what to do: the schema (via zod, with its messages rewritten) and the
 * rules across blocks (ids, dependencies, output keys, cycles, cron, thresholds, params, runtimes,
 * parallel groups, SLA auto-approval, review without a gate, model aliases and clarification
 * targets against `knowledge`). The cross-block rules run on the raw
 * JSON as far as it can be read, so a structural error elsewhere does not hide them.
 */
export function validateTemplate(input: unknown, knowledge: ValidationKnowledge = {}): TemplateValidation {
  const issues: TemplateIssue[] = [];
  const seen = new Set<string>();
  const order: PathSegment[][] = [];
  const report = (path: readonly PathSegment[], message: string): void => {
    const issue = { path: toJsonPath(path), message };
    const key = `${issue.path}\n${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    issues.push(issue);
    order.push([...path]);
  };
  const parsed = templateSchema.safeParse(input);
  if (!parsed.success) for (const issue of parsed.error.issues) translateZodIssue(issue, input, templateSchema, report);
  const blocks = rawBlocksOf(input);
  checkDuplicateIds(blocks, report);
  checkDependencies(blocks, report);
  checkCycles(blocks, report);
  checkCron(input, blocks, report);
  checkBlockRules(input, blocks, report);
  checkSla(input, blocks, report);
  checkAgentRules(blocks, knowledge, report);
  if (issues.length === 0 && parsed.success) return { ok: true, template: parsed.data };
  const ranked = issues.map((issue, i) => ({ issue, path: order[i]!, i }));
  ranked.sort((a, b) => comparePaths(a.path, b.path) || a.i - b.i);
  return { ok: false, issues: ranked.map((r) => r.issue) };
}

/**
 * Formats issues for a terminal or a chat message: a count, then one line per issue with its path
 * and its sentence.
 */
export function formatIssues(issues: readonly TemplateIssue[]): string {
  if (issues.length === 0) return 'No problems found.';
  const head = issues.length === 1 ? '1 problem in the template:' : `${issues.length} problems in the template:`;
  return [head, ...issues.map((issue) => `  ${issue.path}: ${issue.message}`)].join('\n');
}

/** Document order for arrays (numeric), name order for keys; a parent before its children. */
function comparePaths(a: readonly PathSegment[], b: readonly PathSegment[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return a.length - b.length;
}
