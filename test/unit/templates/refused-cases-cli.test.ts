/**
 * The bad templates that used to pass validation (issue 18), each broken in a copy of
 * clone-factory and checked through `factory validate`: exit 1, the JSON path, and a sentence
 * saying what to write instead. Pattern 2/3 fields load with a warning.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runFactory, type FactoryIo } from '../../../src/cli/factory';
import { readRawTemplate } from './load-templates';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- free-form edits of template JSON

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'factory-refused-'));

function writeVariant(name: string, edit: (t: Obj) => void): string {
  const template = structuredClone(readRawTemplate('clone-factory.json')) as Obj;
  edit(template);
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(template));
  return file;
}

async function validate(file: string, ...extra: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: FactoryIo = { out: (t) => stdout.push(t), err: (t) => stderr.push(t), isTty: false, cwd: dir };
  const code = await runFactory(['validate', file, ...extra], io);
  return { code, out: stdout.join('\n'), err: stderr.join('\n') };
}

const cases: Array<[string, (t: Obj) => void, string, RegExp]> = [
  ['timeout 0s', (t) => (t.blocks[0].execution.timeout = '0s'), '$.blocks[0].execution.timeout', /must be between 1s and 7d, not 0s/],
  ['timeout of years', (t) => (t.blocks[0].execution.timeout = '1000d'), '$.blocks[0].execution.timeout', /must be between 1s and 7d, not 1000d/],
  ['ladder channel nowhere', (t) => (t.sla.steps[0].channel = 'nowhere'), '$.sla.steps[0].channel', /channel "nowhere", which is not a channel the template names \(no config was read\); use one of "feed", "tasks", "alerts", "deploys", or map it in the config/],
  ['approver not a principal', (t) => (t.blocks[3].review.approvers = ['nobody at all']), '$.blocks[3].review.approvers[0]', /neither a role nor a principal; write a role .* or a principal such as "discord:user:<id>"/],
  ['artifact key twice', (t) => t.blocks[0].outputs.artifacts.push({ key: t.blocks[0].outputs.artifacts[0].key, format: 'md' }), '$.blocks[0].outputs.artifacts[2].key', /declares the output key `intel-report` twice/],
  ['zone on Mars', (t) => (t.trigger = { type: 'cron', cron: '0 6 * * 1', timezone: 'Mars/Olympus' }), '$.trigger.timezone', /"Mars\/Olympus" is not a time zone; write an IANA name such as "UTC"/],
  ['cron every second', (t) => (t.trigger = { type: 'cron', cron: '* * * * * *' }), '$.trigger.cron', /fires 1 second apart, more often than the minimum of every 5 minutes/],
  ['version as text', (t) => (t.version = '2'), '$.version', /`version` must be a number, not text "2"/],
  ['block id constructor', (t) => (t.blocks[17].id = 'constructor'), '$.blocks[17].id', /the block id "constructor" is reserved .*; choose another/],
];

describe('factory validate on the cases that used to pass', () => {
  it.each(cases)('GIVEN %s THEN it exits 1 with the path and what to write', async (name, edit, path, sentence) => {
    const result = await validate(writeVariant(name.replace(/\W+/g, '-'), edit));
    expect(result.code).toBe(1);
    const line = result.err.split('\n').find((l) => l.trim().startsWith(`${path}:`));
    expect(line, result.err).toMatch(sentence);
    expect(result.err).not.toMatch(/\n\s+at /);
  });

  it('GIVEN a ladder channel the config maps THEN validate --config accepts it, and refuses one the config lacks', async () => {
    const file = writeVariant('config-channel', (t) => (t.sla.steps[0].channel = 'war-room'));
    writeFileSync(join(dir, 'mapped.config.json'), JSON.stringify({ channels: { 'war-room': { slack: 'C0123ABCD' } } }));
    writeFileSync(join(dir, 'other.config.json'), JSON.stringify({ channels: { lobby: { slack: 'C0123ABCD' } } }));
    expect((await validate(file, '--config', 'mapped.config.json')).code).toBe(0);
    const refused = await validate(file, '--config', 'other.config.json');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('$.sla.steps[0].channel: A ladder step of the template posts to channel "war-room", which is not a channel the template or the config names; use one of');
    expect(refused.err).toContain('"lobby"');
  });

  it('GIVEN Pattern 2/3 fields THEN validate passes and prints one warning per field saying it runs as a plain block', async () => {
    const file = writeVariant('patterns', (t) => {
      Object.assign(t.blocks[0], { lifecycle: { mode: 'daemon' }, trigger: { type: 'webhook', webhook: '/ingest' } });
      Object.assign(t.blocks[1], { lens: { perspective: 'positioning' }, record_state: { track_per: 'id', states: ['raw', 'done'] } });
    });
    const result = await validate(file);
    expect(result.code).toBe(0);
    const warnings = result.err.split('\n').filter((l) => l.includes('warning:'));
    expect(warnings.map((l) => l.slice(l.indexOf('$')).split(':')[0])).toEqual(['$.blocks[0].lifecycle.mode', '$.blocks[0].trigger.type', '$.blocks[1].lens', '$.blocks[1].record_state']);
    expect(warnings[0]).toContain('has no behaviour yet, so the block runs once per run, after its dependencies, like a one-shot block');
  });

  it('GIVEN one case through npm run factory THEN the process exits non-zero with the path', () => {
    const file = writeVariant('spawned', (t) => (t.blocks[0].execution.timeout = '0s'));
    const run = spawnSync('npm', ['run', '--silent', 'factory', '--', 'validate', file], { cwd: root, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('$.blocks[0].execution.timeout: Block `deep-research`: `execution.timeout`: a block timeout must be between 1s and 7d, not 0s');
  });
});
