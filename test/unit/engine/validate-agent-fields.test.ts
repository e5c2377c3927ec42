import { describe, expect, it } from 'vitest';
import { validateTemplate } from '../../../src/engine/validate-template';
import { issueAt, rawBlock, rawTemplate } from './support/validation';

describe('validateTemplate: agent fields', () => {
  it('GIVEN an unknown model alias THEN it is refused at its path, with the nearest alias', () => {
    expect(issueAt(rawTemplate([rawBlock('a', { model: 'factory/codr' })]), '$.blocks[0].model').message).toBe(
      'Block `a` names model "factory/codr", which is neither a model alias nor a model id; did you mean `factory/coder`?',
    );
  });

  it('GIVEN an unknown repair model THEN it is refused at repair.model', () => {
    expect(issueAt(rawTemplate([rawBlock('a', { repair: { model: 'gpt-5' } })]), '$.blocks[0].repair.model').message).toContain('neither a model alias nor a model id');
  });

  it('GIVEN the factory/* aliases, a model id, or an alias the config adds THEN they are accepted', () => {
    for (const model of ['factory/architect', 'factory/coder', 'factory/fast', 'factory/cheap', 'claude-sonnet-4-6']) {
      expect(validateTemplate(rawTemplate([rawBlock('a', { model })])).ok, model).toBe(true);
    }
    expect(validateTemplate(rawTemplate([rawBlock('a', { model: 'team/writer' })]), { modelAliases: ['team/writer'] }).ok).toBe(true);
    expect(validateTemplate(rawTemplate([rawBlock('a', { model: 'factory/coder' })]), { modelAliases: ['team/writer'] }).ok).toBe(false);
  });

  it('GIVEN a clarification target that is no team, role or principal THEN it is refused when the teams are known', () => {
    const input = rawTemplate([rawBlock('a', { clarification: { target: 'legl' } })]);
    expect(validateTemplate(input).ok).toBe(true);
    const result = validateTemplate(input, { teams: ['legal'] });
    expect(result.ok ? [] : result.issues).toEqual([
      { path: '$.blocks[0].clarification.target', message: 'Block `a` asks its questions to "legl", which is no team, role or principal; did you mean `legal`?' },
    ]);
    for (const target of ['legal', 'reviewer', 'slack:user:U0123ABCD']) {
      expect(validateTemplate(rawTemplate([rawBlock('a', { clarification: { target } })]), { teams: ['legal'] }).ok, target).toBe(true);
    }
  });

  it('GIVEN budgets, clarification limits and repair bounds out of range THEN zod names each path', () => {
    const input = rawTemplate([rawBlock('a', { budget: { cost_usd: -1 }, clarification: { max_hops: 0 }, repair: { max_rounds: 99 } })], { budget: { tokens: 1.5 } });
    const result = validateTemplate(input);
    expect(result.ok).toBe(false);
    const paths = result.ok ? [] : result.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['$.budget.tokens', '$.blocks[0].budget.cost_usd', '$.blocks[0].clarification.max_hops', '$.blocks[0].repair.max_rounds']));
  });
});
