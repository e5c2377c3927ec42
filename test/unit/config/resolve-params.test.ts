import { describe, expect, it } from 'vitest';
import { resolveParams } from '../../../src/schema/resolve-params';

const template = {
  id: 'clone-factory',
  params: {
    expert_name: { type: 'string' as const, required: true, description: 'Who to clone' },
    brand_url: { type: 'url' as const, required: false },
    depth: { type: 'number' as const, required: false, default: 3 },
  },
};

describe('resolveParams', () => {
  it('GIVEN valid parameters THEN defaults are filled and values typed', () => {
    expect(resolveParams(template, { expert_name: 'Ana', depth: '5' })).toEqual({ ok: true, params: { expert_name: 'Ana', depth: 5 } });
    expect(resolveParams(template, { expert_name: 'Ana' })).toEqual({ ok: true, params: { expert_name: 'Ana', depth: 3 } });
  });

  it('GIVEN a missing, an ill-typed and an unknown parameter THEN every problem is reported', () => {
    const result = resolveParams(template, { brand_url: 'not a url', depht: '4' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.message)).toEqual([
      'clone-factory has no parameter "depht" (it takes: expert_name, brand_url, depth)',
      '"expert_name" is required: Who to clone',
      '"brand_url" must be an http(s) URL, not "not a url"',
    ]);
  });
});
