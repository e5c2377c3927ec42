import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateTemplate } from '../../../src/engine/validate-template';

const fixture = (name: string): unknown => JSON.parse(readFileSync(fileURLToPath(new URL(`../../fixtures/templates/${name}`, import.meta.url)), 'utf8'));

describe('invalid template fixtures', () => {
  const cases = [
    {
      file: 'invalid-cycle.json',
      path: '$.blocks[0].inputs.depends[0].block',
      message: 'Blocks form a cycle: draft -> review -> publish -> draft; a block cannot wait, directly or through others, on its own output, so remove one of these dependencies.',
    },
    {
      file: 'invalid-unknown-dependency.json',
      path: '$.blocks[1].inputs.depends[0].block',
      message: 'Block `summary` depends on `reserch`, which is not a block in this template; did you mean `research`?',
    },
    {
      file: 'invalid-duplicate-id.json',
      path: '$.blocks[1].id',
      message: 'Block id `extract` is used by both blocks[0] and blocks[1]; block ids must be unique, so rename one of them.',
    },
    {
      file: 'invalid-bad-cron.json',
      path: '$.blocks[0].trigger.cron',
      message: 'Block `ingest` has an invalid cron expression "61 6 * * *": Constraint error, got value 61 expected range 0-59. A valid one looks like "0 6 * * *" (every day at 06:00).',
    },
  ];

  for (const { file, path, message } of cases) {
    it(`GIVEN ${file} THEN it fails with exactly one issue at ${path}`, () => {
      const result = validateTemplate(fixture(file));
      expect(result.ok ? [] : result.issues).toEqual([{ path, message }]);
    });
  }
});
