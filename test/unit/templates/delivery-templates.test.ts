import { describe, expect, it } from 'vitest';
import { blockById, loadTemplate, readsOf } from './load-templates';

describe('software-factory', () => {
  const template = loadTemplate('software-factory.json');

  it('GIVEN the template THEN the five roles run in order, each reading its predecessor', () => {
    const ids = ['business-analysis', 'solution-architecture', 'backend-engineering', 'qa-engineering', 'documentation'];
    expect(template.blocks.map((b) => b.id)).toEqual(ids);
    ids.slice(1).forEach((id, i) => {
      expect(blockById(template, id).inputs.depends.map((d) => d.block)).toContain(ids[i]);
    });
  });

  it('GIVEN the template THEN every block is an anthropic agent that says it returns a TaskResult', () => {
    for (const b of template.blocks) {
      expect({ id: b.id, runtime: b.runtime, skill: b.skill }).toEqual({ id: b.id, runtime: 'anthropic', skill: b.id });
      expect(b.description).toContain('TaskResult');
    }
  });

  it('GIVEN the template THEN people sign off the requirements, the design and the QA verdict', () => {
    const gates = template.blocks.filter((b) => b.human_gate !== 'none').map((b) => `${b.id}:${b.human_gate}`);
    expect(gates).toEqual(['business-analysis:after', 'solution-architecture:after', 'qa-engineering:after']);
  });

  it('GIVEN qa-engineering THEN it has a threshold on coverage, a ratio it declares', () => {
    const qa = blockById(template, 'qa-engineering');
    expect(qa.threshold).toEqual({ metric: 'coverage', min: 0.9 });
    expect(qa.outputs.metrics).toContainEqual({ key: 'coverage', type: 'ratio' });
  });

  it('GIVEN the params THEN feature_request is required and repo_url optional', () => {
    expect(template.params.feature_request?.required).toBe(true);
    expect(template.params.repo_url).toMatchObject({ type: 'url', required: false });
  });
});

describe('mcp-server', () => {
  const template = loadTemplate('mcp-server.json');

  it('GIVEN the template THEN it follows the delivery stages in order', () => {
    expect(template.blocks.map((b) => b.id)).toEqual([
      'intake', 'scaffolding', 'building', 'testing', 'review', 'staging', 'production', 'published',
    ]);
  });

  it('GIVEN the gates THEN review is signed off after, staging and production are approved before they deploy', () => {
    const gates = template.blocks.filter((b) => b.human_gate !== 'none').map((b) => `${b.id}:${b.human_gate}`);
    expect(gates).toEqual(['review:after', 'staging:before', 'production:before']);
  });

  it('GIVEN testing THEN it is a shell block running the test_command param with a pass_rate threshold', () => {
    const testing = blockById(template, 'testing');
    expect(testing.runtime).toBe('shell');
    expect(testing.inputs.params).toEqual(['test_command']);
    expect(testing.command).toContain('$FACTORY_PARAM_TEST_COMMAND');
    expect(testing.threshold).toEqual({ metric: 'pass_rate', min: 1 });
    expect(testing.outputs.metrics).toContainEqual({ key: 'pass_rate', type: 'ratio' });
    expect(template.params.test_command?.default).toEqual(expect.any(String));
  });

  it('GIVEN shell blocks THEN the commands read the inputs they declare, by the executor\'s variable names', () => {
    for (const id of ['testing', 'staging', 'production']) {
      expect(readsOf(blockById(template, id))).toContain('building.source-bundle');
      expect(blockById(template, id).command).toContain('FACTORY_INPUT_BUILDING_SOURCE_BUNDLE');
    }
  });

  it('GIVEN production THEN only admins approve, with a confirmation, and it is never retried automatically', () => {
    const production = blockById(template, 'production');
    expect(production.review).toMatchObject({ approvers: ['admin'], confirm: true });
    expect(production.retryable).toBe(false);
    expect(production.inputs.env).toEqual(['NPM_TOKEN']);
  });

  it('GIVEN deploy commands THEN they are fixed in the template, not taken from run parameters', () => {
    for (const id of ['staging', 'production']) expect(blockById(template, id).command).not.toMatch(/FACTORY_PARAM_/);
  });
});
