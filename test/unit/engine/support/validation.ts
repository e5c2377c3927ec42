import { expect } from 'vitest';
import { validateTemplate, type TemplateIssue } from '../../../../src/engine/validate-template';

/** A minimal valid block as raw JSON; tests spread their mistakes over it. */
export function rawBlock(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, name: id, type: 'build', runtime: 'simulate', outputs: { artifacts: [{ key: 'out', format: 'md' }] }, ...extra };
}

export function rawTemplate(blocks: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: 'test', name: 'Test', ...extra, blocks };
}

/** The issues of an input that must be invalid. */
export function issuesOf(input: unknown): TemplateIssue[] {
  const result = validateTemplate(input);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.issues;
}

/** The one issue at `path`. */
export function issueAt(input: unknown, path: string): TemplateIssue {
  const issues = issuesOf(input);
  const found = issues.filter((i) => i.path === path);
  expect(found, `issues were:\n${issues.map((i) => `${i.path}: ${i.message}`).join('\n')}`).toHaveLength(1);
  return found[0]!;
}
