/** Small builders for store tests: a valid template, actors, and a run with its blocks. */
import type { Actor } from '../../src/domain/actor';
import type { BlockRun, RunRecord } from '../../src/domain/records';
import { templateSchema, type Template, type TemplateInput } from '../../src/schema/template';
import { insertBlockRuns, insertRun, type Queryable } from '../../src/store';

export const T0 = new Date('2025-03-01T09:00:00.000Z');

/** `ms` after T0 (tests pass time in; nothing reads the clock). */
export const at = (ms: number): Date => new Date(T0.getTime() + ms);

export function testActor(name = 'Ana', overrides: Partial<Actor> = {}): Actor {
  return { type: 'human', platform: 'discord', id: `U-${name.toLowerCase()}`, name, ...overrides };
}

/** A validated template; by default three simulate blocks, b and c in one parallel group after a. */
export function testTemplate(overrides: Partial<TemplateInput> = {}): Template {
  return templateSchema.parse({
    id: 'test-pipeline',
    name: 'Test pipeline',
    version: 3,
    blocks: [
      { id: 'a', name: 'A', type: 'build', runtime: 'simulate' },
      { id: 'b', name: 'B', type: 'build', runtime: 'simulate', parallel_group: 'g', inputs: { depends: [{ block: 'a', key: 'out' }] } },
      { id: 'c', name: 'C', type: 'build', runtime: 'simulate', parallel_group: 'g', inputs: { depends: [{ block: 'a', key: 'out' }] } },
    ],
    ...overrides,
  });
}

/** Inserts a running run of `template` with all its blocks pending. */
export async function createTestRun(
  db: Queryable,
  opts: { template?: Template; now?: Date; name?: string; params?: Record<string, unknown> } = {},
): Promise<{ run: RunRecord; blocks: BlockRun[] }> {
  const template = opts.template ?? testTemplate();
  const run = await insertRun(
    db,
    {
      template,
      name: opts.name ?? `${template.id} run`,
      params: opts.params ?? {},
      autonomy: {},
      simulate: true,
      seed: 'seed-1',
      createdBy: testActor(),
      origin: { platform: 'discord', channelId: 'C1', threadId: null },
    },
    opts.now ?? T0,
  );
  const blocks = await insertBlockRuns(db, run.id, template.blocks);
  return { run, blocks };
}
