import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { channelNamesOf, findUnmappedChannels } from '../../../src/boot/unmapped-channels';
import type { FileConfig } from '../../../src/config-file';
import { resolvePolicy } from '../../../src/engine/sla/resolve-policy';
import { validateTemplate } from '../../../src/engine/validate-template';
import { loadTemplate, readRawTemplate, skillExists, TEMPLATES_DIR, templateFiles } from './load-templates';

const FILES = templateFiles();

describe('every shipped template', () => {
  it('GIVEN the templates directory THEN it ships the four reference templates', () => {
    expect(FILES).toEqual(expect.arrayContaining(['clone-factory.json', 'demo.json', 'mcp-server.json', 'software-factory.json']));
  });

  it.each(FILES)('GIVEN %s THEN the full validation accepts it', (file) => {
    const result = validateTemplate(readRawTemplate(file));
    // Printing the issues makes a failure say what to fix.
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it.each(FILES)('GIVEN %s THEN its id is its file name', (file) => {
    expect(`${loadTemplate(file).id}.json`).toBe(file);
  });

  it.each(FILES)('GIVEN %s THEN "$schema" points at the exported JSON Schema next to it', (file) => {
    expect(readRawTemplate(file).$schema).toBe('./template.schema.json');
  });

  it.each(FILES)('GIVEN %s THEN every skill a block names has a prompt file', (file) => {
    const missing = loadTemplate(file)
      .blocks.filter((b) => b.skill && !skillExists(b.skill))
      .map((b) => `${b.id} -> templates/skills/${b.skill}.md`);
    expect(missing).toEqual([]);
  });

  it.each(FILES)('GIVEN %s THEN every anthropic block names a skill and a model', (file) => {
    const bare = loadTemplate(file)
      .blocks.filter((b) => b.runtime === 'anthropic' && (!b.skill || !b.model))
      .map((b) => b.id);
    expect(bare).toEqual([]);
  });

  it.each(FILES)('GIVEN %s THEN every block can be rehearsed and its timeout leaves room for its simulated duration', (file) => {
    const tight = loadTemplate(file)
      .blocks.filter((b) => b.runtime !== 'simulate')
      .filter((b) => b.simulate?.duration === undefined || b.timeout === undefined || b.timeout < 1.5 * b.simulate.duration)
      .map((b) => `${b.id}: timeout ${b.timeout} ms, simulated ${b.simulate?.duration} ms`);
    expect(tight).toEqual([]);
  });

  it.each(FILES)('GIVEN %s THEN every block that sets a threshold can be retried at least once', (file) => {
    const stuck = loadTemplate(file)
      .blocks.filter((b) => b.threshold && (!b.retryable || b.max_retries < 1))
      .map((b) => b.id);
    expect(stuck).toEqual([]);
  });

  it.each(FILES)('GIVEN %s THEN every gate has a review section with a priority and an SLA deadline', (file) => {
    const unreviewed = loadTemplate(file)
      .blocks.filter((b) => b.human_gate !== 'none' && (!b.review?.priority || b.review.sla?.deadline === undefined))
      .map((b) => b.id);
    expect(unreviewed).toEqual([]);
  });

  it.each(FILES)('GIVEN %s THEN the SLA of every gate (template sla under the block review.sla) resolves cleanly', (file) => {
    const template = loadTemplate(file);
    const problems = template.blocks
      .filter((b) => b.human_gate !== 'none')
      .flatMap((b) => {
        const policy = resolvePolicy([template.sla, b.review?.sla]);
        return policy.ok ? [] : policy.error.map((issue) => `${b.id}: ${issue.path}: ${issue.message}`);
      });
    expect(problems).toEqual([]);
  });

  it.each(FILES)('GIVEN %s THEN every channel it posts to is mapped by the README config example, and it has SLA defaults', (file) => {
    const template = loadTemplate(file);
    // One naming: a config copied from the README sends every bundled template's cards somewhere.
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const example = JSON.parse(/`factory.config.json`:\s*```json\n([\s\S]*?)```/.exec(readme)![1]!) as { channels: FileConfig['channels'] };
    expect([...channelNamesOf(template)].sort()).toEqual(['alerts', 'feed', 'tasks']);
    expect(findUnmappedChannels([template], example.channels, ['slack'])).toEqual([]);
    expect(template.sla?.deadline).toBeGreaterThan(0);
    expect(template.sla?.steps?.length).toBeGreaterThan(0);
  });
});

describe('templates/README.md', () => {
  it('GIVEN the starter example of the guide THEN the full validation accepts it', () => {
    const guide = readFileSync(`${TEMPLATES_DIR}README.md`, 'utf8');
    const example = guide.split('```json')[1]?.split('```')[0] ?? '';
    const result = validateTemplate(JSON.parse(example));
    expect(result.ok ? [] : result.issues).toEqual([]);
  });
});
