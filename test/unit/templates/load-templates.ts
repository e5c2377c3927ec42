/** Reads the shipped templates and skills from disk, as the bot would, for the template tests. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateTemplate } from '../../../src/engine/validate-template';
import type { Block } from '../../../src/schema/block';
import type { Template } from '../../../src/schema/template';

export const TEMPLATES_DIR = fileURLToPath(new URL('../../../templates/', import.meta.url));
export const SKILLS_DIR = fileURLToPath(new URL('../../../templates/skills/', import.meta.url));
export const SCHEMA_FILE = 'template.schema.json';

/** Every template file name (the JSON Schema itself is not a template). */
export function templateFiles(): string[] {
  return readdirSync(TEMPLATES_DIR)
    .filter((name) => name.endsWith('.json') && name !== SCHEMA_FILE)
    .sort();
}

/** The file as written: what editors and the JSON Schema see. */
export function readRawTemplate(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(`${TEMPLATES_DIR}${file}`, 'utf8')) as Record<string, unknown>;
}

/** The template after full validation (defaults applied, durations in ms); throws with every issue otherwise. */
export function loadTemplate(file: string): Template {
  const result = validateTemplate(readRawTemplate(file));
  if (!result.ok) throw new Error(`${file} is invalid:\n${result.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
  return result.template;
}

export function blockById(template: Template, id: string): Block {
  const block = template.blocks.find((b) => b.id === id);
  if (!block) throw new Error(`${template.id} has no block ${id}`);
  return block;
}

/** "block.key" for each dependency, sorted, so edge sets compare as plain arrays. */
export function readsOf(block: Block): string[] {
  return block.inputs.depends.map((d) => `${d.block}.${d.key}`).sort();
}

/** Members of each parallel group, sorted. */
export function parallelGroups(template: Template): Record<string, string[]> {
  const groups: Record<string, string[]> = {};
  for (const b of template.blocks) if (b.parallel_group) (groups[b.parallel_group] ??= []).push(b.id);
  for (const members of Object.values(groups)) members.sort();
  return groups;
}

export function skillPath(skill: string): string {
  return `${SKILLS_DIR}${skill}.md`;
}

export function skillExists(skill: string): boolean {
  return existsSync(skillPath(skill));
}

/**
 * Longest chain of simulate durations through the dependency graph (ms): the machine time of a
 * rehearsal with unlimited parallelism and instant human decisions.
 */
export function simulatedCriticalPathMs(template: Template): number {
  const memo = new Map<string, number>();
  const finish = (block: Block): number => {
    const known = memo.get(block.id);
    if (known !== undefined) return known;
    const start = Math.max(0, ...block.inputs.depends.map((d) => finish(blockById(template, d.block))));
    const end = start + (block.simulate?.duration ?? 0);
    memo.set(block.id, end);
    return end;
  };
  return Math.max(...template.blocks.map(finish));
}
