import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Block } from '../../../src/schema/block';
import { loadTemplate, SKILLS_DIR, skillPath, templateFiles } from './load-templates';

/** Every anthropic block of every template, with the template it belongs to. */
const USES: Array<{ template: string; block: Block; skill: string }> = templateFiles().flatMap((file) =>
  loadTemplate(file)
    .blocks.filter((b) => b.runtime === 'anthropic' && b.skill)
    .map((block) => ({ template: file, block, skill: block.skill! })),
);
const SKILL_FILES = readdirSync(SKILLS_DIR).filter((f) => f.endsWith('.md')).sort();
const read = (skill: string) => readFileSync(skillPath(skill), 'utf8');

describe('templates/skills', () => {
  it('GIVEN the skill files THEN each one is used by some block (no orphans)', () => {
    const used = new Set(USES.map((u) => `${u.skill}.md`));
    expect(SKILL_FILES.filter((f) => !used.has(f))).toEqual([]);
  });

  it.each(SKILL_FILES)('GIVEN %s THEN it stays focused: a title and 20 to 60 lines', (file) => {
    const text = readFileSync(`${SKILLS_DIR}${file}`, 'utf8');
    const lines = text.trimEnd().split('\n').length;
    expect(text.startsWith('# ')).toBe(true);
    expect(lines).toBeGreaterThanOrEqual(20);
    expect(lines).toBeLessThanOrEqual(60);
  });

  it.each(USES.map((u) => [`${u.template} ${u.block.id}`, u] as const))(
    'GIVEN %s THEN its skill names every output key and run parameter the block declares',
    (_name, { block, skill }) => {
      const text = read(skill);
      const keys = [
        ...block.outputs.artifacts.map((a) => a.key),
        ...block.outputs.metrics.map((m) => m.key),
        ...block.inputs.params,
      ];
      expect(keys.filter((k) => !text.includes(`\`${k}\``))).toEqual([]);
    },
  );

  it.each(SKILL_FILES)('GIVEN %s THEN it says when to return NEEDS_CLARIFICATION and BLOCKED', (file) => {
    const text = readFileSync(`${SKILLS_DIR}${file}`, 'utf8');
    expect(text).toContain('NEEDS_CLARIFICATION');
    expect(text).toContain('BLOCKED');
  });
});
