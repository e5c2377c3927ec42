import { access } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import type { Template } from '../schema/template';
import type { MissingSkill } from './format-summary';

/**
 * Blocks whose skill prompt (`skills/<skill>.md` next to the template, or `templates/skills/` in
 * the working directory) does not exist. A warning, not an error: the simulate runtime needs none.
 */
export async function findMissingSkills(template: Template, templateFile: string, cwd: string): Promise<MissingSkill[]> {
  const missing: MissingSkill[] = [];
  for (const block of template.blocks) {
    if (!block.skill) continue;
    const besideTemplate = join(dirname(templateFile), 'skills', `${block.skill}.md`);
    const inProject = join(cwd, 'templates', 'skills', `${block.skill}.md`);
    if ((await exists(besideTemplate)) || (await exists(inProject))) continue;
    missing.push({ blockId: block.id, skill: block.skill, expectedAt: relative(cwd, inProject) });
  }
  return missing;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
