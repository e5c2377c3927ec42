import { describe, expect, it } from 'vitest';
import { effectiveGate } from '../../../src/engine/effective-gate';
import { validateTemplate } from '../../../src/engine/validate-template';
import { resolveParams } from '../../../src/schema/resolve-params';
import { issueAt, rawBlock, rawTemplate } from './support/validation';

describe('validateTemplate: the refusals added for issue 18', () => {
  it('GIVEN a cron with two fires a minute apart THEN it names the gap and the minimum', () => {
    expect(issueAt(rawTemplate([rawBlock('a')], { trigger: { type: 'cron', cron: '0,1 6 * * *' } }), '$.trigger.cron').message).toBe(
      'The template trigger has an invalid cron expression "0,1 6 * * *": it fires 1 minute apart, more often than the minimum of every 5 minutes; write one such as "*/5 * * * *" or "0 * * * *". A valid one looks like "0 6 * * *" (every day at 06:00).',
    );
    expect(validateTemplate(rawTemplate([rawBlock('a')], { trigger: { type: 'cron', cron: '*/5 * * * *' } })).ok).toBe(true);
  });

  it('GIVEN scheduled params the template does not declare or of the wrong type THEN each is refused at its key', () => {
    const input = rawTemplate([rawBlock('a')], { params: { n: { type: 'number' } }, trigger: { type: 'cron', cron: '0 6 * * *', params: { n: 'many', x: 1 } } });
    expect(issueAt(input, '$.trigger.params.n').message).toBe('The template trigger starts every scheduled run with these params, but "n" must be a number, not "many"; fix `trigger.params`.');
    expect(issueAt(input, '$.trigger.params.x').message).toMatch(/test has no parameter "x" \(it takes: n\)/);
  });

  it('GIVEN a "__proto__" key anywhere, as JSON.parse keeps it THEN it is refused at its path', () => {
    const input = JSON.parse('{"id":"t","name":"T","params":{"__proto__":{"type":"string"}},"blocks":[{"id":"a","name":"A","type":"build","inputs":{"config":{"__proto__":1}}}]}') as unknown;
    expect(issueAt(input, '$.params.__proto__').message).toMatch(/^The key "__proto__" is reserved/);
    expect(issueAt(input, '$.blocks[0].inputs.config.__proto__').message).toMatch(/cannot be used anywhere in a template/);
  });

  it('GIVEN metric and artifact keys that repeat THEN the second is refused, across both lists', () => {
    const a = rawBlock('a', { outputs: { artifacts: [{ key: 'out', format: 'md' }], metrics: [{ key: 'out' }] } });
    expect(issueAt(rawTemplate([a]), '$.blocks[0].outputs.metrics[0].key').message).toBe(
      'Block `a` declares the output key `out` twice (`outputs.artifacts[0]` and `outputs.metrics[0]`); output keys must be unique across artifacts and metrics, so rename one of them.',
    );
  });

  it('GIVEN a block ladder step to an unknown channel near a known one THEN it suggests the near one', () => {
    const a = rawBlock('a', { human_gate: 'after', review: { sla: { steps: [{ at: '0', action: 'notify', channel: 'taks' }] } } });
    expect(issueAt(rawTemplate([a]), '$.blocks[0].review.sla.steps[0].channel').message).toBe(
      'A ladder step of block `a` posts to channel "taks", which is not a channel the template names (no config was read); use one of "feed", "tasks", "alerts", "deploys"; did you mean `tasks`?',
    );
  });

  it('GIVEN Pattern 2/3 fields THEN the template is valid with one warning each, and plain templates have none', () => {
    const nested = { id: 'a', name: 'A', type: 'build', execution: { runtime: 'simulate' } };
    const result = validateTemplate(rawTemplate([{ ...nested, lifecycle: { mode: 'daemon' }, trigger: { type: 'event', event: 'entity.created(gate=2)' } }]));
    expect(result.ok && result.warnings.map((w) => w.path)).toEqual(['$.blocks[0].lifecycle.mode', '$.blocks[0].trigger.type']);
    expect(validateTemplate(rawTemplate([nested])).warnings).toEqual([]);
  });
});

describe('validateTemplate: stream fields that cannot work whatever their behaviour', () => {
  const nested = (extra: Record<string, unknown>) => ({ id: 'a', name: 'A', type: 'ingest', execution: { runtime: 'simulate' }, ...extra });

  it('GIVEN a daemon without a cron, webhook or event trigger THEN it is refused at its mode', () => {
    expect(issueAt(rawTemplate([nested({ lifecycle: { mode: 'daemon' } })]), '$.blocks[0].lifecycle.mode').message).toBe(
      'Block `a` is a daemon, but its trigger is the default "dependency", which says nothing about when new records arrive; give it a "cron", "webhook" or "event" trigger, or use `mode: "one-shot"`.',
    );
  });

  it('GIVEN event and webhook triggers without their event or path THEN each asks for it', () => {
    expect(issueAt(rawTemplate([nested({ trigger: { type: 'event' } })]), '$.blocks[0].trigger').message).toBe(
      'Block `a` has trigger type "event" but no `event`; name one such as "entity.created(gate=2)".',
    );
    expect(issueAt(rawTemplate([nested({ trigger: { type: 'webhook' } })]), '$.blocks[0].trigger').message).toMatch(/no `webhook` path; add one such as "\/api\/ingest\/youtube"/);
  });

  it('GIVEN record states that are not a list THEN zod refuses them at their path', () => {
    expect(issueAt(rawTemplate([nested({ record_state: { track_per: 'id', states: 'raw' } })]), '$.blocks[0].record_state.states').message).toBe(
      'Block `a`: `record_state.states` must be a list, not text "raw".',
    );
  });
});

describe('lookups by block id, parameter and channel name count own keys only', () => {
  it('GIVEN an empty autonomy map THEN a block named like an Object key has no override', () => {
    expect(effectiveGate({ id: 'constructor', human_gate: 'none' }, {})).toBeNull();
    expect(effectiveGate({ id: 'tostring', human_gate: 'after' }, { '*': 'auto' })).toEqual({ position: 'after', mode: 'auto' });
  });

  it('GIVEN a run parameter named constructor THEN it is an unknown parameter, not a declared one', () => {
    const result = resolveParams({ id: 't', params: {} }, { constructor: 'x' });
    expect(result).toEqual({ ok: false, problems: [{ param: 'constructor', message: 't has no parameter "constructor" (it takes none)' }] });
  });
});
