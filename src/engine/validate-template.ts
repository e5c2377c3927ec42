import { flatTemplateSchema, nestedTemplateSchema } from '../schema/template';
import { blockFormOf, reportingNestedPaths, warnFlatBlocks } from './validation/block-form';
import { validateQuorum, type ApproverDirectory } from './quorum';
import { checkAgentRules, type ValidationKnowledge } from './validation/check-agent-rules';
import { checkBlockRules } from './validation/check-block-rules';
import { checkChannels } from './validation/check-channels';
import { checkCron } from './validation/check-cron';
import { checkCycles } from './validation/check-cycles';
import { checkDependencies, checkDuplicateIds } from './validation/check-dependencies';
import { checkOutputKeys } from './validation/check-outputs';
import { checkProtoKeys } from './validation/check-proto-keys';
import { checkPatternFields } from './validation/check-patterns';
import { checkSla } from './validation/check-sla';
import { checkTriggerParams } from './validation/check-trigger-params';
import { toJsonPath, type PathSegment, type ReportIssue, type TemplateIssue, type TemplateValidation } from './validation/issues';
import { rawBlocksOf } from './validation/raw-template';
import { translateZodIssue } from './validation/translate-zod-issue';

export type { TemplateIssue, TemplateValidation } from './validation/issues';
export type { ValidationKnowledge } from './validation/check-agent-rules';

export interface ValidateOptions extends ValidationKnowledge {
  /**
   * Channel names the config maps (its `channels` keys), when the caller read a config. Ladder
   * steps may post to these as well as to the template's own channels; undefined means "unknown".
   */
  configChannels?: readonly string[];
  /** The config's groups and roles, when the caller read a config: quorums nobody can meet are refused. */
  approvers?: ApproverDirectory;
}

/**
 * Validates a template read from JSON and reports every problem at once, each with its JSON path
 * and a sentence that says what to do: the schema (via zod, with its messages rewritten) and the
 * rules across blocks (ids, dependencies, output keys, cycles, cron and its minimum interval,
 * thresholds, params, runtimes, parallel groups, SLA auto-approval, review without a gate, ladder
 * channels, scheduled params, "__proto__" keys, model aliases and clarification targets against the options). The cross-block rules run on the raw JSON as far
 * as it can be read, so a structural error elsewhere does not hide them. Fields accepted without
 * behaviour yet (Pattern 2/3) come back as `warnings`, which never refuse a template.
 */
export function validateTemplate(input: unknown, options: ValidateOptions = {}): TemplateValidation {
  const found = collector();
  const warned = collector();
  const form = blockFormOf(input);
  const schema = form === 'flat' ? flatTemplateSchema : nestedTemplateSchema;
  const parsed = schema.safeParse(input);
  if (!parsed.success) for (const issue of parsed.error.issues) translateZodIssue(issue, input, schema, found.report);
  // The checks below read nested blocks flattened; their paths get the groups back.
  const report = form === 'nested' ? reportingNestedPaths(found.report) : found.report;
  const blocks = rawBlocksOf(input);
  checkDuplicateIds(blocks, report);
  checkDependencies(blocks, report);
  checkCycles(blocks, report);
  checkCron(input, blocks, report);
  checkBlockRules(input, blocks, report);
  checkSla(input, blocks, report);
  checkOutputKeys(blocks, report);
  checkProtoKeys(input, found.report);
  checkChannels(input, blocks, options.configChannels, report);
  if (parsed.success) checkTriggerParams(parsed.data, report);
  if (parsed.success && options.approvers) for (const issue of validateQuorum(parsed.data, options.approvers)) report(issue.segments, issue.message);
  checkAgentRules(blocks, options, report);
  checkPatternFields(blocks, form === 'nested' ? reportingNestedPaths(warned.report) : warned.report, report);
  if (form === 'flat') warnFlatBlocks(blocks, warned.report);
  const warnings = warned.sorted();
  if (found.count() === 0 && parsed.success) return { ok: true, template: parsed.data, warnings };
  return { ok: false, issues: found.sorted(), warnings };
}

/** Issues without duplicates, returned in document order (a parent before its children). */
function collector(): { report: ReportIssue; count: () => number; sorted: () => TemplateIssue[] } {
  const issues: TemplateIssue[] = [];
  const seen = new Set<string>();
  const order: PathSegment[][] = [];
  const report: ReportIssue = (path, message) => {
    const issue = { path: toJsonPath(path), message };
    const key = `${issue.path}\n${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    issues.push(issue);
    order.push([...path]);
  };
  const sorted = () => {
    const ranked = issues.map((issue, i) => ({ issue, path: order[i]!, i }));
    ranked.sort((a, b) => comparePaths(a.path, b.path) || a.i - b.i);
    return ranked.map((r) => r.issue);
  };
  return { report, count: () => issues.length, sorted };
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
