import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileSkillReader, loadSkill } from '../../../src/executors/skill-loader';
import { rejectionOf } from './fixtures';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'skill-loader-'));
  await mkdir(join(dir, 'clone'));
  await writeFile(join(dir, 'clone', 'soul.md'), 'Extract the soul.');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('loadSkill', () => {
  it('GIVEN a nested skill name THEN it reads <skillsDir>/<name>.md', async () => {
    expect(await loadSkill(fileSkillReader(dir), 'clone/soul', dir, 'soul-extractor')).toBe('Extract the soul.');
  });

  it.each(['../etc/passwd', '/etc/passwd', 'clone/../../x', ''])('GIVEN the name %j THEN it is refused before touching the disk', async (name) => {
    const read = async () => {
      throw new Error('must not read');
    };
    expect(await rejectionOf(loadSkill(read, name, dir, 'b'))).toMatchObject({ code: 'invalid_skill', retryable: false });
  });

  it('GIVEN a missing file THEN skill_missing names the expected path', async () => {
    const err = await rejectionOf(loadSkill(fileSkillReader(dir), 'nope', dir, 'b'));
    expect(err).toMatchObject({ code: 'skill_missing' });
    expect(err.message).toContain(join(dir, 'nope.md'));
  });
});
