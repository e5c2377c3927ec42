import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runFactory, type FactoryIo } from '../../../src/cli/factory';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = (name: string) => join('test', 'fixtures', 'templates', name);

function capture(): FactoryIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), isTty: false, cwd: root };
}

describe('factory CLI', () => {
  it('GIVEN a model alias only the config defines THEN validate --config accepts it and validate without the config refuses it at its path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'factory-cli-'));
    const file = join(dir, 'writer.json');
    writeFileSync(file, JSON.stringify({ id: 'writer', name: 'Writer', blocks: [{ id: 'a', name: 'A', type: 'build', model: 'team/writer' }] }));
    const config = join(dir, 'models.config.json');
    writeFileSync(config, JSON.stringify({ models: { aliases: { 'team/writer': ['claude-opus-4-6'] } } }));
    expect(await runFactory(['validate', file, '--config', config], capture())).toBe(0);
    const refused = capture();
    expect(await runFactory(['validate', file], refused)).toBe(1);
    expect(refused.stderr.join('\n')).toContain('$.blocks[0].model: Block `a` names model "team/writer", which is neither a model alias nor a model id');
  });

  it('GIVEN an invalid fixture run through tsx THEN it exits 1 and prints the path and sentence', () => {
    const run = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), ['src/cli/factory.ts', 'validate', fixture('invalid-duplicate-id.json')], { cwd: root, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('$.blocks[1].id: Block id `extract` is used by both blocks[0] and blocks[1]');
    expect(run.stderr).not.toContain('\u001b['); // not a terminal: no colour
  });

  it('GIVEN a valid template file THEN validate exits 0 with the summary and warns about missing skills', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'factory-cli-'));
    const file = join(dir, 'ok.json');
    writeFileSync(file, JSON.stringify({ id: 'ok', name: 'OK', blocks: [{ id: 'a', name: 'A', type: 'build', skill: 'no-such-skill-anywhere' }] }));
    const io = capture();
    expect(await runFactory(['validate', file], io)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/^✓ ok: OK is valid\n {2}1 block, 0 dependencies, 1 layer/);
    expect(io.stdout.join('\n')).toContain('block `a` names skill "no-such-skill-anywhere", but templates/skills/no-such-skill-anywhere.md does not exist');
  });

  it('GIVEN plan on a valid template THEN it exits 0 with the steps', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'factory-cli-'));
    const file = join(dir, 'two.json');
    writeFileSync(
      file,
      JSON.stringify({
        id: 'two',
        name: 'Two',
        blocks: [
          { id: 'a', name: 'A', type: 'build', human_gate: 'before', outputs: { artifacts: [{ key: 'x', format: 'md' }] } },
          { id: 'b', name: 'B', type: 'build', inputs: { depends: [{ block: 'a', key: 'x' }] } },
        ],
      }),
    );
    const io = capture();
    expect(await runFactory(['plan', file], io)).toBe(0);
    expect(io.stdout.join('\n').split('\n').slice(1)).toEqual(['step 1: a → waits for a person: before-gate', 'step 2: runs: a', 'step 3: runs: b', '3 steps, 1 wait for a person']);
  });

  it('GIVEN a missing file, invalid JSON or bad arguments THEN it exits 1, 1 and 2 with a sentence', async () => {
    const missing = capture();
    expect(await runFactory(['validate', 'no/such/file.json'], missing)).toBe(1);
    expect(missing.stderr[0]).toBe('✗ Cannot read no/such/file.json: there is no such file.');
    const dir = mkdtempSync(join(tmpdir(), 'factory-cli-'));
    writeFileSync(join(dir, 'bad.json'), '{\n  "id": "x",,\n}');
    const broken = capture();
    expect(await runFactory(['validate', join(dir, 'bad.json')], broken)).toBe(1);
    expect(broken.stderr[0]).toMatch(/is not valid JSON at line 2, column 13/);
    const usage = capture();
    expect(await runFactory(['explode'], usage)).toBe(2);
    expect(usage.stderr[0]).toMatch(/^Unknown command "explode"\.\nusage: /);
  });
});
