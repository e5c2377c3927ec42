import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ExecutorError } from '../domain/executor';

/** Returns a skill's prompt text, or null when there is no such skill. */
export type ReadSkill = (skill: string) => Promise<string | null>;

/** Skill names are relative paths under the skills dir, without ".md"; never absolute or "..". */
const SKILL_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/** Reads `<skillsDir>/<skill>.md`; null when the file does not exist. */
export function fileSkillReader(skillsDir: string): ReadSkill {
  return async (skill) => {
    try {
      return await readFile(join(skillsDir, `${skill}.md`), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  };
}

/** Loads a block's skill text or throws an error that says which file is missing. */
export async function loadSkill(read: ReadSkill, skill: string, skillsDir: string, blockId: string): Promise<string> {
  if (!SKILL_NAME.test(skill) || skill.split('/').includes('..')) {
    throw new ExecutorError(`block ${blockId} names skill "${skill}", which is not a valid skill name (a path under the skills directory, without .md)`, false, 'invalid_skill');
  }
  const text = await read(skill);
  if (text === null) {
    throw new ExecutorError(`block ${blockId} names skill "${skill}", but ${join(skillsDir, `${skill}.md`)} does not exist`, false, 'skill_missing');
  }
  return text;
}
