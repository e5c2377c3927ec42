/**
 * Block v2 as the design writes it: the nested form (`execution`, `lifecycle`) is canonical, the
 * flat form loads with a deprecation warning per block, a mix is refused, and both parse to the
 * same engine Block, so template snapshots of old runs (flat, parsed) stay readable.
 */
import { describe, expect, it } from 'vitest';
import { validateTemplate } from '../../../src/engine/validate-template';
import { isNestedBlock } from '../../../src/schema/block-v2';
import { templateSchema } from '../../../src/schema/template';
import { readRawTemplate, templateFiles } from './load-templates';

type Obj = Record<string, unknown>;

/** The flat form of a nested block: what templates looked like before Block v2. */
function flatten(block: Obj): Obj {
  const { execution, lifecycle, ...rest } = block;
  return { ...rest, ...(execution as Obj | undefined), ...(lifecycle as Obj | undefined) };
}

function validated(input: unknown) {
  const result = validateTemplate(input);
  if (!result.ok) throw new Error(result.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return result;
}

const nestedBlock = (execution: Obj, extra: Obj = {}) => ({ id: 'a', name: 'A', type: 'build', execution: { runtime: 'simulate', ...execution }, ...extra });
const template = (blocks: unknown[]) => ({ id: 't', name: 'T', blocks });
const issues = (input: unknown) => {
  const result = validateTemplate(input);
  return result.ok ? [] : result.issues;
};

describe.each(templateFiles())('%s in Block v2', (file) => {
  const raw = readRawTemplate(file);
  const blocks = raw.blocks as Obj[];

  it('GIVEN the shipped file THEN every block is written nested and validation warns about nothing', () => {
    expect(blocks.filter((b) => !isNestedBlock(b)).map((b) => b.id)).toEqual([]);
    expect(validated(raw).warnings).toEqual([]);
  });

  it('GIVEN its flat rewrite THEN it parses to the same template, with one deprecation warning per block', () => {
    const flat = { ...raw, blocks: blocks.map(flatten) };
    const result = validated(flat);
    expect(result.template).toEqual(validated(raw).template);
    expect(result.warnings.map((w) => w.path)).toEqual(blocks.map((_, i) => `$.blocks[${i}]`));
    // A run's stored snapshot is the parsed (flat) template: it still parses as a template.
    expect(templateSchema.parse(JSON.parse(JSON.stringify(result.template)))).toEqual(result.template);
  });
});

describe('Block v2 forms', () => {
  it('GIVEN a flat block THEN its warning shows the groups to write, with its own values', () => {
    const result = validated(template([{ id: 'a', name: 'A', type: 'build', runtime: 'simulate', timeout: '20m', human_gate: 'after', mode: 'one-shot' }]));
    expect(result.warnings).toEqual([
      {
        path: '$.blocks[0]',
        message:
          'Block `a` is written in the flat form, which is deprecated; it loads as written, but write "execution": { "runtime": "simulate", "timeout": "20m", "human_gate": "after" } and "lifecycle": { "mode": "one-shot" } instead of those fields at the top of the block (Block v2, see templates/README.md).',
      },
    ]);
  });

  it('GIVEN a flat field in a nested template THEN it is refused, saying which group it belongs in', () => {
    const input = template([nestedBlock({}), { id: 'b', name: 'B', type: 'build', execution: { runtime: 'simulate' }, human_gate: 'after' }]);
    expect(issues(input)).toEqual([{ path: '$.blocks[1].human_gate', message: 'Block `b`: unknown key `human_gate`; `human_gate` belongs inside `execution`.' }]);
  });

  it('GIVEN a declared state THEN it is refused as the engine’s', () => {
    expect(issues(template([nestedBlock({}, { state: { status: 'done' } })]))).toEqual([
      { path: '$.blocks[0].state', message: 'Block `a`: `state` is runtime state owned by the engine; templates must not set it.' },
    ]);
  });

  it('GIVEN problems inside the groups THEN schema and cross-block issues name the nested paths', () => {
    const a = nestedBlock({ runtime: 'shell', timeout: '0s', threshold: { metric: 'score', min: 1 } }, { lifecycle: { mode: 'daemon' }, trigger: { type: 'cron', cron: '*/5 * * * *' } });
    const result = validateTemplate(template([a]));
    expect(result.ok ? [] : result.issues.map((i) => i.path)).toEqual(['$.blocks[0].execution.command', '$.blocks[0].execution.threshold.metric', '$.blocks[0].execution.timeout']);
    expect(result.warnings.map((w) => w.path)).toEqual(['$.blocks[0].lifecycle.mode', '$.blocks[0].trigger.type']);
  });

  it('GIVEN an unknown key inside execution THEN it is refused there, with a near field suggested', () => {
    expect(issues(template([nestedBlock({ timout: '5m' })]))).toEqual([
      { path: '$.blocks[0].execution.timout', message: 'Block `a`: unknown key `timout` in `execution`; did you mean `timeout`?' },
    ]);
  });

  it('GIVEN a block with only identity fields THEN it is valid in either form, without a warning', () => {
    expect(validated(template([{ id: 'a', name: 'A', type: 'build' }])).warnings).toEqual([]);
  });
});
