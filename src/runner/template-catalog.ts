import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../domain/errors';
import { formatIssues, validateTemplate, type TemplateIssue, type ValidationKnowledge } from '../engine/validate-template';
import type { Template } from '../schema/template';

export interface InvalidTemplate {
  file: string;
  issues: TemplateIssue[];
}

/**
 * The templates a process can run, read once at start from the templates folder. A broken file
 * does not stop the bot: it is listed with its problems, and runs of it are refused with them.
 */
export class TemplateCatalog {
  private constructor(
    private readonly templates: ReadonlyMap<string, Template>,
    readonly invalid: readonly InvalidTemplate[],
  ) {}

  static fromTemplates(templates: Template[]): TemplateCatalog {
    return new TemplateCatalog(new Map(templates.map((t) => [t.id, t])), []);
  }

  /** Reads every template of `dir`; `knowledge` is what validation checks names against (model aliases). */
  static async load(dir: string, knowledge: ValidationKnowledge = {}): Promise<TemplateCatalog> {
    const files = (await readdir(dir)).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json')).sort();
    const templates = new Map<string, Template>();
    const invalid: InvalidTemplate[] = [];
    for (const file of files) {
      const text = await readFile(join(dir, file), 'utf8');
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        invalid.push({ file, issues: [{ path: '$', message: `not valid JSON: ${(error as Error).message}` }] });
        continue;
      }
      const result = validateTemplate(json, knowledge);
      if (!result.ok) invalid.push({ file, issues: result.issues });
      else if (templates.has(result.template.id)) invalid.push({ file, issues: [{ path: '$.id', message: `the id "${result.template.id}" is used by another template file too` }] });
      else templates.set(result.template.id, result.template);
    }
    return new TemplateCatalog(templates, invalid);
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
