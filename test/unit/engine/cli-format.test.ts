import { describe, expect, it } from 'vitest';
import { parseAutonomy, parseFactoryArgs } from '../../../src/cli/factory-args';
import { formatPlan } from '../../../src/cli/format-plan';
import { formatSummary } from '../../../src/cli/format-summary';
import { COLOUR, PLAIN, paintFor } from '../../../src/cli/paint';
import { lineAndColumnAt, parseJsonText } from '../../../src/cli/read-template-file';
import { planWaves } from '../../../src/engine/plan-waves';
import { block, template } from './support/build';

const tpl = template(
  [
    block('research', { parallel_group: 'recon', simulate: { duration: '10m' } }),
    block('recon', { parallel_group: 'recon', simulate: { duration: '5m' } }),
    block('framework', { deps: ['research', 'recon'], human_gate: 'after', simulate: { duration: '15m' } }),
    block('tester', {
      deps: ['framework'],
      outputs: { artifacts: [{ key: 'out', format: 'md' }], metrics: [{ key: 'score' }] },
      threshold: { metric: 'score', min: 0.85 },
      simulate: { duration: '30m' },
    }),
  ],
  { id: 'mini', name: 'Mini factory', version: 3, params: { expert_name: { type: 'string', required: true } } },
);

describe('formatSummary', () => {
  it('GIVEN a valid template THEN it shows blocks, layers, groups, gates, thresholds, params and the critical path', () => {
    expect(formatSummary(tpl)).toBe(
      [
        '✓ mini: Mini factory (version 3) is valid',
        '  4 blocks, 3 dependencies, 3 layers',
        '  layers:',
        '    1. research, recon',
        '    2. framework',
        '    3. tester',
        '  parallel groups:',
        '    recon: research, recon',
        '  gates:',
        '    framework (after-gate)',
        '  thresholds:',
        '    tester: score >= 0.85',
        '  params:',
        '    expert_name (string, required)',
        '  critical path: research -> framework -> tester (55m of machine time)',
      ].join('\n'),
    );
  });

  it('GIVEN missing skill files THEN it warns by block', () => {
    const text = formatSummary(tpl, PLAIN, [{ blockId: 'recon', skill: 'expert-recon', expectedAt: 'templates/skills/expert-recon.md' }]);
    expect(text).toContain('  warnings:\n    block `recon` names skill "expert-recon", but templates/skills/expert-recon.md does not exist');
  });

  it('GIVEN nothing in a section THEN it says none', () => {
    expect(formatSummary(template([block('a')]))).toContain('  gates: none');
  });

  it('GIVEN a terminal THEN colour codes are used, otherwise plain text', () => {
    expect(paintFor(true)).toBe(COLOUR);
    expect(paintFor(false)).toBe(PLAIN);
    expect(formatSummary(tpl, COLOUR)).toContain('\u001b[32m✓\u001b[39m');
  });
});

describe('formatPlan', () => {
  it('GIVEN the rehearsed steps THEN each line says what runs together and where a person is needed', () => {
    expect(formatPlan(tpl, planWaves(tpl))).toBe(
      [
        'Plan for mini (template gates; every block succeeds, every gate approved)',
        'step 1: run together: research, recon',
        'step 2: runs: framework',
        'step 3: framework → waits for a person: after-gate',
        'step 4: runs: tester',
        '4 steps, 1 wait for a person',
      ].join('\n'),
    );
  });

  it('GIVEN a step with both work and waits THEN the waits are indented under it', () => {
    const text = formatPlan(tpl, [{ step: 12, started: ['a'], waitsForPerson: [{ blockId: 'b', position: 'before', kind: 'approval' }, { blockId: 'c', position: 'after', kind: 'task' }] }]);
    expect(text.split('\n').slice(1, 4)).toEqual([
      'step 12: runs: a',
      '         b → waits for a person: before-gate',
      '         c → waits for a person: task (runtime manual)',
    ]);
  });
});

describe('parseFactoryArgs', () => {
  it('GIVEN validate and a file THEN it parses', () => {
    expect(parseFactoryArgs(['validate', 'x.json'])).toEqual({ ok: true, value: { command: 'validate', file: 'x.json', autonomy: {} } });
  });

  it('GIVEN plan with autonomy options THEN they are merged', () => {
    expect(parseFactoryArgs(['plan', 'x.json', '--first-run', '--autonomy', 'a=auto'])).toEqual({
      ok: true,
      value: { command: 'plan', file: 'x.json', autonomy: { '*': 'gate', a: 'auto' } },
    });
  });

  it('GIVEN mistakes THEN it says what is wrong', () => {
    expect(parseFactoryArgs([])).toEqual({ ok: false, error: 'Name a command.' });
    expect(parseFactoryArgs(['run', 'x'])).toEqual({ ok: false, error: 'Unknown command "run".' });
    expect(parseFactoryArgs(['validate'])).toEqual({ ok: false, error: 'Name exactly one template file (got 0).' });
    expect(parseFactoryArgs(['plan', 'x', '--fast'])).toEqual({ ok: false, error: 'Unknown option "--fast".' });
    expect(parseAutonomy('a=sometimes')).toEqual({ ok: false, error: 'Cannot read autonomy "a=sometimes": write block=level (or *=level) with level one of gate, guided, auto.' });
  });
});

describe('parseJsonText', () => {
  it('GIVEN broken JSON THEN the error names the line and column', () => {
    const result = parseJsonText('t.json', '{\n  "a": 1,\n  "b" 2\n}');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^t\.json is not valid JSON at line 3, column 7: /);
  });

  it('GIVEN truncated JSON THEN the error points at the end', () => {
    const result = parseJsonText('t.json', '{\n  "a": [1,');
    expect(!result.ok && result.error).toMatch(/at line 2, column 11/);
  });

  it('GIVEN offsets THEN line and column are 1-based', () => {
    expect(lineAndColumnAt('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumnAt('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
