import { describe, expect, it } from 'vitest';
import { validateTemplate } from '../../../src/engine/validate-template';
import { paramsFromBody } from '../../../src/runner/start-hooked-run';

const template = {
  id: 'release-notes',
  name: 'Release notes',
  params: { version: { type: 'string', required: true }, title: { type: 'string' }, count: { type: 'number' } },
  trigger: { type: 'webhook', map: { title: 'pull_request.title' } },
  blocks: [{ id: 'write', name: 'Write', type: 'build', runtime: 'simulate' }],
};

describe('webhook triggers in templates', () => {
  it('GIVEN a webhook trigger THEN the template validates, and params come from mapped paths and same-named keys', () => {
    const result = validateTemplate(template);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(paramsFromBody(result.template, { version: '1.2', count: 3, pull_request: { title: 'T' }, title: 'ignored: mapped elsewhere', other: { x: 1 } })).toEqual({ version: '1.2', count: 3, title: 'T' });
    expect(() => paramsFromBody(result.template, { version: { major: 1 } })).toThrow(/is an object or a list/);
  });

  it('GIVEN a webhook trigger with an unknown key THEN validation names the path', () => {
    const result = validateTemplate({ ...template, trigger: { type: 'webhook', secret: 'no' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.path).join(' ')).toContain('trigger');
  });
});
