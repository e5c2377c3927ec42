import { describe, expect, it } from 'vitest';
import { validateTemplate } from '../../../src/engine/validate-template';
import { issueAt, issuesOf, rawBlock, rawTemplate } from './support/validation';

const dep = (block: string, key = 'out') => ({ block, key });
const reads = (...deps: Array<{ block: string; key: string }>) => ({ inputs: { depends: deps } });

describe('validateTemplate: rules across blocks', () => {
  it('GIVEN a duplicate block id THEN it names both positions', () => {
    expect(issueAt(rawTemplate([rawBlock('a'), rawBlock('b'), rawBlock('a')]), '$.blocks[2].id').message).toBe(
      'Block id `a` is used by both blocks[0] and blocks[2]; block ids must be unique, so rename one of them.',
    );
  });

  it('GIVEN a dependency on an unknown block THEN it says so and suggests a near id', () => {
    expect(issueAt(rawTemplate([rawBlock('draft'), rawBlock('b', reads(dep('dratf')))]), '$.blocks[1].inputs.depends[0].block').message).toBe(
      'Block `b` depends on `dratf`, which is not a block in this template; did you mean `draft`?',
    );
  });

  it('GIVEN a dependency on an output key the block does not declare THEN it lists what it declares', () => {
    const a = rawBlock('a', { outputs: { artifacts: [{ key: 'report', format: 'md' }], metrics: [{ key: 'score' }] } });
    expect(issueAt(rawTemplate([a, rawBlock('b', reads(dep('a', 'summary')))]), '$.blocks[1].inputs.depends[0].key').message).toBe(
      'Block `b` reads `summary` from `a`, but `a` declares no output `summary`; it declares `report` and `score`.',
    );
  });

  it('GIVEN a dependency on a metric key THEN it is a valid output', () => {
    const a = rawBlock('a', { outputs: { metrics: [{ key: 'score' }] } });
    expect(validateTemplate(rawTemplate([a, rawBlock('b', reads(dep('a', 'score')))])).ok).toBe(true);
  });

  it('GIVEN a self-dependency THEN it says the block depends on itself', () => {
    expect(issueAt(rawTemplate([rawBlock('a', reads(dep('a')))]), '$.blocks[0].inputs.depends[0].block').message).toBe(
      'Block `a` depends on itself; a block cannot read its own output, so remove this dependency.',
    );
  });

  it('GIVEN a cycle THEN it prints the cycle in the order work would flow', () => {
    const input = rawTemplate([rawBlock('x'), rawBlock('a', reads(dep('c'))), rawBlock('b', reads(dep('a'))), rawBlock('c', reads(dep('b'), dep('x')))]);
    expect(issueAt(input, '$.blocks[1].inputs.depends[0].block').message).toBe(
      'Blocks form a cycle: a -> b -> c -> a; a block cannot wait, directly or through others, on its own output, so remove one of these dependencies.',
    );
  });

  it('GIVEN two separate cycles THEN both are reported', () => {
    const input = rawTemplate([rawBlock('a', reads(dep('b'))), rawBlock('b', reads(dep('a'))), rawBlock('c', reads(dep('d'))), rawBlock('d', reads(dep('c')))]);
    expect(issuesOf(input).map((i) => i.message.match(/cycle: ([^;]+)/)?.[1])).toEqual(['a -> b -> a', 'c -> d -> c']);
  });

  it('GIVEN an invalid block cron THEN it quotes the expression and the parser', () => {
    const input = rawTemplate([rawBlock('a', { trigger: { type: 'cron', cron: '0 25 * * *' } })]);
    expect(issueAt(input, '$.blocks[0].trigger.cron').message).toBe(
      'Block `a` has an invalid cron expression "0 25 * * *": Constraint error, got value 25 expected range 0-23. A valid one looks like "0 6 * * *" (every day at 06:00).',
    );
  });

  it('GIVEN a cron with too few fields THEN it explains the field count', () => {
    expect(issueAt(rawTemplate([rawBlock('a')], { trigger: { type: 'cron', cron: '0 6 * *' } }), '$.trigger.cron').message).toBe(
      'The template trigger has an invalid cron expression "0 6 * *": it has 4 fields; write five (minute hour day-of-month month day-of-week), or six with seconds first. A valid one looks like "0 6 * * *" (every day at 06:00).',
    );
  });

  it('GIVEN a cron trigger without an expression THEN it asks for one', () => {
    expect(issueAt(rawTemplate([rawBlock('a', { trigger: { type: 'cron' } })]), '$.blocks[0].trigger').message).toBe(
      'Block `a` has trigger type "cron" but no `cron` expression; add one such as "0 6 * * *".',
    );
  });

  it('GIVEN a template cron trigger without an expression THEN zod says it is required', () => {
    expect(issueAt(rawTemplate([rawBlock('a')], { trigger: { type: 'cron' } }), '$.trigger.cron').message).toBe('The template: `trigger.cron` is required (text).');
  });

  it('GIVEN a valid six-field cron THEN there is no issue', () => {
    expect(issuesOf(rawTemplate([rawBlock('a', { trigger: { type: 'cron', cron: '0 */5 * * * *' } })], { version: true })).map((i) => i.path)).toEqual(['$.version']);
  });

  it('GIVEN a threshold on a metric the block does not emit THEN it says which metrics it emits', () => {
    const a = rawBlock('a', { outputs: { metrics: [{ key: 'coverage' }] }, threshold: { metric: 'score', min: 0.8 } });
    expect(issueAt(rawTemplate([a]), '$.blocks[0].threshold.metric').message).toBe(
      'Block `a` has a threshold on `score`, but it emits no metric `score` (it emits `coverage`); declare it in `outputs.metrics`.',
    );
  });

  it('GIVEN a block that reads an undeclared run parameter THEN it points at params', () => {
    const input = rawTemplate([rawBlock('a', { inputs: { params: ['expert_nam'] } })], { params: { expert_name: { type: 'string' } } });
    expect(issueAt(input, '$.blocks[0].inputs.params[0]').message).toBe(
      'Block `a` reads run parameter `expert_nam`, which the template does not declare in `params`; did you mean `expert_name`?',
    );
  });

  it('GIVEN the shell runtime without a command THEN it asks for the command', () => {
    expect(issueAt(rawTemplate([rawBlock('a', { runtime: 'shell' })]), '$.blocks[0].command').message).toBe(
      'Block `a` runs on the shell runtime but has no `command`; add the command it should run.',
    );
  });

  it('GIVEN the webhook runtime without a url THEN it asks for the url', () => {
    expect(issueAt(rawTemplate([rawBlock('a', { runtime: 'webhook' })]), '$.blocks[0].url').message).toBe(
      'Block `a` runs on the webhook runtime but has no `url`; add the worker URL it should call.',
    );
  });

  it('GIVEN two blocks of one parallel group that depend on each other THEN it names both and the group', () => {
    const input = rawTemplate([rawBlock('a', { parallel_group: 'L2' }), rawBlock('b', { parallel_group: 'L2', ...reads(dep('a')) })]);
    expect(issueAt(input, '$.blocks[1].inputs.depends[0].block').message).toBe(
      'Blocks `a` and `b` are both in parallel group `L2`, but `b` depends on `a`; blocks of a parallel group run side by side, so move one of them to another group or drop the dependency.',
    );
  });

  it('GIVEN approve-at-deadline without allow_auto_approve THEN it is refused, in the template and in a block', () => {
    const sla = { deadline: '4h', on_deadline: 'approve' };
    const input = rawTemplate([rawBlock('a', { human_gate: 'after', review: { sla } })], { sla });
    expect(issueAt(input, '$.sla.on_deadline').message).toBe(
      '`on_deadline: "approve"` in the template would approve without any person once the deadline passes; add `allow_auto_approve: true` to the same `sla` section if that is really intended, or use "escalate" or "reject".',
    );
    expect(issueAt(input, '$.blocks[0].review.sla.on_deadline').message).toMatch(/^`on_deadline: "approve"` in block `a` would approve/);
  });

  it('GIVEN approve-at-deadline with allow_auto_approve THEN it is accepted', () => {
    const sla = { on_deadline: 'approve', allow_auto_approve: true };
    expect(issuesOf(rawTemplate([rawBlock('a')], { sla, version: [] })).map((i) => i.path)).toEqual(['$.version']);
  });

  it('GIVEN a review section on a block without a gate THEN it explains there is no gate', () => {
    expect(issueAt(rawTemplate([rawBlock('a', { review: { priority: 'high' } })]), '$.blocks[0].review').message).toBe(
      'Block `a` has a `review` section, but its `human_gate` is "none", so it has no gate to review; set `human_gate` to "before" or "after", or remove `review`.',
    );
  });

  it('GIVEN structural errors elsewhere THEN the cross-block rules still run', () => {
    const input = rawTemplate([rawBlock('a', { type: 'nope', status: 'done' }), rawBlock('b', reads(dep('ghost')))], { name: 5 });
    expect(issuesOf(input).map((i) => i.path)).toEqual(['$.blocks[0].status', '$.blocks[0].type', '$.blocks[1].inputs.depends[0].block', '$.name']);
  });

  it('GIVEN the same problem found twice THEN it is reported once', () => {
    const issues = issuesOf(rawTemplate([rawBlock('a', reads(dep('a'), dep('a')))]));
    expect(issues.map((i) => i.path)).toEqual(['$.blocks[0].inputs.depends[0].block', '$.blocks[0].inputs.depends[1].block']);
  });
});
