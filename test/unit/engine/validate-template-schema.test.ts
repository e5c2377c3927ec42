import { describe, expect, it } from 'vitest';
import { formatIssues, validateTemplate } from '../../../src/engine/validate-template';
import { issueAt, issuesOf, rawBlock, rawTemplate } from './support/validation';

describe('validateTemplate: schema problems in plain sentences', () => {
  it('GIVEN a valid template THEN it returns the parsed template with defaults', () => {
    const result = validateTemplate(rawTemplate([rawBlock('a')]));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.template.blocks[0]).toMatchObject({ id: 'a', human_gate: 'none', max_retries: 2 });
  });

  it('GIVEN something that is not an object THEN it says what a template is', () => {
    expect(issuesOf(42)).toEqual([{ path: '$', message: 'A template must be a JSON object with `id`, `name` and `blocks`.' }]);
  });

  it('GIVEN runtime state in a block THEN it says the engine owns it', () => {
    expect(issueAt(rawTemplate([rawBlock('a', { status: 'done' })]), '$.blocks[0].status').message).toBe(
      'Block `a`: `status` is runtime state owned by the engine; templates must not set it.',
    );
  });

  it('GIVEN every runtime state field THEN each is its own issue', () => {
    const block = rawBlock('a', { status: 'x', started_at: 1, ended_at: 2, score: 1, error: 'e', attempts: 1 });
    expect(issuesOf(rawTemplate([block])).map((i) => i.path).sort()).toEqual(
      ['attempts', 'ended_at', 'error', 'score', 'started_at', 'status'].map((k) => `$.blocks[0].${k}`),
    );
  });

  it('GIVEN a misspelt key THEN it suggests the right one', () => {
    expect(issueAt(rawTemplate([rawBlock('a', { inputs: { dependz: [] } })]), '$.blocks[0].inputs.dependz').message).toBe(
      'Block `a`: unknown key `dependz` in `inputs`; did you mean `depends`?',
    );
  });

  it('GIVEN a misspelt key one level too high THEN it suggests the nested key', () => {
    expect(issueAt(rawTemplate([rawBlock('a', { dependz: [] })]), '$.blocks[0].dependz').message).toBe(
      'Block `a`: unknown key `dependz`; did you mean `inputs.depends`?',
    );
  });

  it('GIVEN a correct key one level too high THEN it says where it belongs', () => {
    expect(issueAt(rawTemplate([rawBlock('a', { depends: [] })]), '$.blocks[0].depends').message).toBe(
      'Block `a`: unknown key `depends`; `depends` belongs inside `inputs`.',
    );
  });

  it('GIVEN an unknown template key with no near match THEN it asks to remove it', () => {
    expect(issueAt(rawTemplate([rawBlock('a')], { colour: 'red' }), '$.colour').message).toBe(
      'The template: unknown key `colour`; remove it or check its spelling.',
    );
  });

  it('GIVEN a value outside an enum THEN it lists the allowed values', () => {
    expect(issueAt(rawTemplate([rawBlock('a', { human_gate: 'maybe' })]), '$.blocks[0].human_gate').message).toBe(
      'Block `a`: `human_gate` must be one of "before", "after", "none"; "maybe" is not one of them.',
    );
  });

  it('GIVEN a missing required field THEN it says it is required', () => {
    const { name: _name, ...nameless } = rawBlock('a');
    expect(issueAt(rawTemplate([nameless]), '$.blocks[0].name').message).toBe('Block `a`: `name` is required (text).');
  });

  it('GIVEN a wrong type THEN it names the expected and the actual type', () => {
    expect(issueAt(rawTemplate([rawBlock('a', { max_retries: 1.5 })]), '$.blocks[0].max_retries').message).toBe(
      'Block `a`: `max_retries` must be a whole number, not the number 1.5.',
    );
  });

  it('GIVEN a number out of range THEN it gives the bound', () => {
    expect(issueAt(rawTemplate([rawBlock('a', { max_retries: 50 })]), '$.blocks[0].max_retries').message).toBe(
      'Block `a`: `max_retries` must be at most 20, not the number 50.',
    );
  });

  it('GIVEN an invalid duration THEN it shows how to write one', () => {
    expect(issueAt(rawTemplate([rawBlock('a', { timeout: '5 min' })]), '$.blocks[0].timeout').message).toBe(
      'Block `a`: `timeout`: "5 min" is not a duration; write it like "90s", "30m", "4h", "2h30m" or "1d", or as milliseconds.',
    );
  });

  it('GIVEN an invalid duration in the template SLA THEN the path points into it', () => {
    expect(issueAt(rawTemplate([rawBlock('a')], { sla: { deadline: 'soon' } }), '$.sla.deadline').message).toMatch(/^The template: `sla.deadline`: "soon" is not a duration/);
  });

  it('GIVEN a block id that is not kebab-case THEN it repeats the rule', () => {
    expect(issueAt(rawTemplate([rawBlock('Bad_Id')]), '$.blocks[0].id').message).toBe(
      'Block `Bad_Id`: `id` is text "Bad_Id", but a block id must be kebab-case: lowercase letters, digits and single dashes.',
    );
  });

  it('GIVEN no blocks THEN it says a template needs one', () => {
    expect(issueAt(rawTemplate([]), '$.blocks').message).toBe('The template: `blocks`: a template needs at least one block.');
  });

  it('GIVEN an empty name THEN it says it must not be empty', () => {
    expect(issueAt({ ...rawTemplate([rawBlock('a')]), name: '' }, '$.name').message).toBe('The template: `name` must not be empty.');
  });

  it('GIVEN a block that is not an object THEN it says so by position', () => {
    expect(issueAt(rawTemplate([rawBlock('a'), 'b']), '$.blocks[1]').message).toBe('The block at blocks[1] must be an object, not text "b".');
  });

  it('GIVEN a bad URL THEN it shows a good one', () => {
    expect(issueAt(rawTemplate([rawBlock('a', { runtime: 'webhook', url: 'worker' })]), '$.blocks[0].url').message).toBe(
      'Block `a`: `url` must be a full URL such as "https://example.com/hook", not text "worker".',
    );
  });

  it('GIVEN a version that is not a number THEN it asks for a number', () => {
    expect(issueAt(rawTemplate([rawBlock('a')], { version: true }), '$.version').message).toBe('The template: `version` must be a number, not true.');
    expect(issueAt(rawTemplate([rawBlock('a')], { version: '2' }), '$.version').message).toBe('The template: `version` must be a number, not text "2".');
  });

  it('GIVEN several problems THEN all are reported at once, in document order', () => {
    const input = rawTemplate([rawBlock('a', { status: 'done', type: 'nope' }), rawBlock('a', { inputs: { depends: [{ block: 'zz', key: 'out' }] } })]);
    expect(issuesOf(input).map((i) => i.path)).toEqual(['$.blocks[0].status', '$.blocks[0].type', '$.blocks[1].id', '$.blocks[1].inputs.depends[0].block']);
  });
});

describe('formatIssues', () => {
  it('GIVEN issues THEN it prints a count and one line per issue', () => {
    expect(formatIssues([{ path: '$.a', message: 'One.' }, { path: '$.b', message: 'Two.' }])).toBe('2 problems in the template:\n  $.a: One.\n  $.b: Two.');
    expect(formatIssues([{ path: '$', message: 'Only.' }])).toBe('1 problem in the template:\n  $: Only.');
    expect(formatIssues([])).toBe('No problems found.');
  });
});
