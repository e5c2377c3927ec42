import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../domain/errors';
import { formatIssues, validateTemplate, type TemplateIssue, type ValidateOptions } from '../engine/validate-template';
import type { Template } from '../schema/template';

export interface InvalidTemplate {
  file: string;
  issues: TemplateIssue[];
}

/** A template that loads, with fields that have no behaviour yet (see validateTemplate's warnings). */
export interface WarnedTemplate {
  file: string;
  warnings: TemplateIssue[];
}

/** What validation checks names against: model aliases, teams, and the config's channel names. */
export type CatalogOptions = ValidateOptions;

/**
 * The templates a process can run, read once at start from the templates folder. A broken file
 * does not stop the bot: it is skipped (one warning line at start, see `startupWarnings`), the
 * other templates load, and runs of it are refused with its problems.
 */
export class TemplateCatalog {
  private constructor(
    private readonly templates: ReadonlyMap<string, Template>,
    readonly invalid: readonly InvalidTemplate[],
    readonly warned: readonly WarnedTemplate[] = [],
  ) {}

  static fromTemplates(templates: Template[]): TemplateCatalog {
    return new TemplateCatalog(new Map(templates.map((t) => [t.id, t])), []);
  }

  /** Reads every template of `dir`; `options` is what validation checks names against (model aliases, teams, config channels). */
  static async load(dir: string, options: CatalogOptions = {}): Promise<TemplateCatalog> {
    const files = (await readdir(dir)).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json')).sort();
    const templates = new Map<string, Template>();
    const invalid: InvalidTemplate[] = [];
    const warned: WarnedTemplate[] = [];
    for (const file of files) {
      const text = await readFile(join(dir, file), 'utf8');
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        invalid.push({ file, issues: [{ path: '$', message: `not valid JSON: ${(error as Error).message}` }] });
        continue;
      }
      const result = validateTemplate(json, options);
      if (result.warnings.length > 0) warned.push({ file, warnings: result.warnings });
      if (!result.ok) invalid.push({ file, issues: result.issues });
      else if (templates.has(result.template.id)) invalid.push({ file, issues: [{ path: '$.id', message: `the id "${result.template.id}" is used by another template file too` }] });
      else templates.set(result.template.id, result.template);
    }
    return new TemplateCatalog(templates, invalid, warned);
  }

  /**
   * One line per skipped file (its name and first problem) and per loaded file with fields that
   * have no behaviour yet (its first warning), for the log at start.
   */
  startupWarnings(): string[] {
    const more = (n: number, what: string) => (n > 1 ? ` (and ${n - 1} more ${what}; see npm run factory -- validate)` : '');
    const skipped = this.invalid.map(
      ({ file, issues }) => `template ${file} skipped: ${issues[0]!.path}: ${issues[0]!.message}${more(issues.length, issues.length === 2 ? 'problem' : 'problems')}`,
    );
    const loaded = this.warned
      .filter(({ file }) => !this.invalid.some((bad) => bad.file === file))
      .map(({ file, warnings }) => `template ${file} loaded with a warning: ${warnings[0]!.path}: ${warnings[0]!.message}${more(warnings.length, 'warnings')}`);
    return [...skipped, ...loaded];
  }

  list(): Template[] {
    return [...this.templates.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  /** The template, or a UserError naming the templates there are. */
  get(id: string): Template {
    const template = this.templates.get(id);
    if (template) return template;
    const broken = this.invalid.find((t) => t.file === `${id}.json`);
    if (broken) {
      throw new UserError('invalid_template', `Template "${id}" has errors and cannot run:\n${formatIssues(broken.issues)}`);
    }
    const known = [...this.templates.keys()].sort();
    throw new UserError('unknown_template', `There is no template "${id}". Templates: ${known.join(', ') || 'none'}.`);
  }
}
