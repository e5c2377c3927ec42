import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TemplateCatalog } from '../../../src/runner/template-catalog';

const block = (execution: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({ id: 'a', name: 'A', type: 'build', execution: { runtime: 'simulate', ...execution }, ...extra });
const step = (channel: string) => ({ sla: { steps: [{ at: '0', action: 'notify', channel }] } });

function folder(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'factory-catalog-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  return dir;
}

describe('TemplateCatalog at start', () => {
  it('GIVEN a bad template among good ones THEN it is skipped with one line naming the file and its first problem, and the others load', async () => {
    const dir = folder({
      'good.json': { id: 'good', name: 'Good', blocks: [block()] },
      'slow.json': { id: 'slow', name: 'Slow', blocks: [block({ timeout: '0s', human_gate: 'maybe' })] },
      'broken.json': '{ "id": ',
      'stream.json': { id: 'stream', name: 'Stream', blocks: [block({}, { lifecycle: { mode: 'daemon' }, trigger: { type: 'cron', cron: '*/5 * * * *' } })] },
    });
    const catalog = await TemplateCatalog.load(dir);
    expect(catalog.list().map((t) => t.id)).toEqual(['good', 'stream']);
    const lines = catalog.startupWarnings();
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^template broken\.json skipped: \$: not valid JSON: /);
    expect(lines[1]).toBe(
      'template slow.json skipped: $.blocks[0].execution.human_gate: Block `a`: `execution.human_gate` must be one of "before", "after", "none"; "maybe" is not one of them. (and 1 more problem; see npm run factory -- validate)',
    );
    expect(lines[2]).toMatch(/^template stream\.json loaded with a warning: \$\.blocks\[0\]\.lifecycle\.mode: Block `a`: `mode: "daemon"` \(Pattern 2 streams\) has no behaviour yet/);
    expect(() => catalog.get('slow')).toThrow(/Template "slow" has errors and cannot run:\n2 problems in the template:\n {2}\$\.blocks\[0\]\.execution\.human_gate/);
  });

  it('GIVEN ladder steps naming config channels THEN the catalog accepts them only with the config channel names', async () => {
    const dir = folder({ 'alerts.json': { id: 'alerts', name: 'Alerts', ...step('war-room'), blocks: [block()] } });
    expect((await TemplateCatalog.load(dir)).list()).toEqual([]);
    expect((await TemplateCatalog.load(dir, { configChannels: ['war-room'] })).list().map((t) => t.id)).toEqual(['alerts']);
  });
});
