import { describe, expect, it } from 'vitest';
import { collectDeclaredArtifacts } from '../../../src/executors/declared-artifacts';
import { TailBuffer, tailWithMarker } from '../../../src/executors/tail-buffer';
import { makeBlock } from './fixtures';

const block = makeBlock({
  outputs: {
    artifacts: [
      { key: 'report', format: 'md' },
      { key: 'data', format: 'json' },
    ],
  },
});
const opts = { source: 'the model', retryable: true };

describe('collectDeclaredArtifacts', () => {
  it('GIVEN every declared key THEN values come back in declaration order and extras are reported', () => {
    const got = collectDeclaredArtifacts(block, 'COMPLETE', { data: '{"a":1}', report: '# R', extra: 'x' }, opts);
    expect(got.artifacts).toEqual([
      { key: 'report', format: 'md', content: '# R' },
      { key: 'data', format: 'json', content: '{"a":1}' },
    ]);
    expect(got.ignored).toEqual(['extra']);
  });

  it('GIVEN COMPLETE without a declared key THEN the error names the missing key', () => {
    expect(() => collectDeclaredArtifacts(block, 'COMPLETE', { report: '# R' }, opts)).toThrow(/without the declared artifact "data"/);
  });

  it('GIVEN BLOCKED without artifacts THEN nothing is required', () => {
    expect(collectDeclaredArtifacts(block, 'BLOCKED', {}, opts).artifacts).toEqual([]);
  });

  it('GIVEN a json artifact that does not parse THEN the error says so, with the caller’s retryability', () => {
    try {
      collectDeclaredArtifacts(block, 'COMPLETE', { report: '# R', data: '{oops' }, { source: 'the command', retryable: false });
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'invalid_artifact', retryable: false });
      expect((e as Error).message).toContain('"data", declared as json, which is not valid JSON');
    }
  });
});

describe('TailBuffer', () => {
  it('GIVEN more output than the cap THEN only the last bytes are kept, with a marker', () => {
    const buf = new TailBuffer(10);
    for (const part of ['hello ', 'wide ', 'world', '!!']) buf.push(Buffer.from(part));
    expect(buf.text()).toBe('de world!!');
    expect(buf.total).toBe(18);
    expect(tailWithMarker(buf, 5)).toBe('[… 13 earlier bytes omitted]\nrld!!');
  });

  it('GIVEN less output than the cap THEN nothing is marked', () => {
    const buf = new TailBuffer(100);
    buf.push(Buffer.from('short\n'));
    expect(tailWithMarker(buf, 50)).toBe('short');
  });
});
