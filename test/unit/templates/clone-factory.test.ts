import { describe, expect, it } from 'vitest';
import { blockById, loadTemplate, parallelGroups, readsOf, simulatedCriticalPathMs } from './load-templates';

const template = loadTemplate('clone-factory.json');

const EXTRACTOR_OUTPUTS = [
  'soul-extractor.soul-json',
  'voice-extractor.voice-json',
  'framework-extractor.frameworks-json',
  'resource-extractor.resources-json',
  'offer-extractor.offers-json',
];
const FRAMEWORK = 'expert-framework-creator.expert-framework';
const RUBRIC = 'rubric-builder.rubric';

/** The data-flow table of PIPELINE-MODEL.md: layer and the outputs each block reads. */
const TABLE: Record<string, { layer: string; reads: string[] }> = {
  'deep-research': { layer: 'L0', reads: [] },
  'expert-recon': { layer: 'L0', reads: [] },
  'masterybook-sync': { layer: 'L0', reads: [] },
  'expert-framework-creator': { layer: 'L0.25', reads: ['deep-research.intel-report', 'expert-recon.recon-report'] },
  'demo-compiler': { layer: 'L0.5', reads: ['deep-research.intel-report'] },
  'rubric-builder': { layer: 'L1', reads: [FRAMEWORK] },
  'soul-extractor': { layer: 'L2', reads: [FRAMEWORK, RUBRIC] },
  'voice-extractor': { layer: 'L2', reads: [FRAMEWORK, RUBRIC] },
  'framework-extractor': { layer: 'L2', reads: [FRAMEWORK, RUBRIC] },
  'resource-extractor': { layer: 'L2', reads: [FRAMEWORK] },
  'offer-extractor': { layer: 'L2', reads: [FRAMEWORK] },
  'gap-analyzer': { layer: 'L2.5', reads: EXTRACTOR_OUTPUTS },
  'clone-compiler': { layer: 'L3', reads: [...EXTRACTOR_OUTPUTS, 'gap-analyzer.gaps-json'] },
  'lead-magnet-builder': { layer: 'L3', reads: ['offer-extractor.offers-json', 'framework-extractor.frameworks-json', 'soul-extractor.soul-json'] },
  'onboarding-builder': { layer: 'L3', reads: ['framework-extractor.frameworks-json', 'offer-extractor.offers-json'] },
  'design-system-extractor': { layer: 'L3', reads: [] },
  'clone-tester': {
    layer: 'L3.5',
    reads: ['clone-compiler.system-prompt', 'clone-compiler.knowledge-files', 'clone-compiler.tool-configs', RUBRIC, FRAMEWORK],
  },
  // Checked separately below: every artifact of every other block.
  'boarding-orchestrator': { layer: 'L4', reads: [] },
};

/** What each block writes (key: format), from the same table. */
const WRITES: Record<string, Record<string, string>> = {
  'deep-research': { 'intel-report': 'md', 'raw-sources': 'dir' },
  'expert-recon': { 'recon-report': 'md' },
  'masterybook-sync': { 'notebook-url': 'url' },
  'expert-framework-creator': { 'expert-framework': 'json' },
  'demo-compiler': { 'demo-prompt': 'md', 'demo-config': 'json' },
  'rubric-builder': { rubric: 'json' },
  'soul-extractor': { 'soul-json': 'json' },
  'voice-extractor': { 'voice-json': 'json' },
  'framework-extractor': { 'frameworks-json': 'json' },
  'resource-extractor': { 'resources-json': 'json' },
  'offer-extractor': { 'offers-json': 'json' },
  'gap-analyzer': { 'gaps-json': 'json' },
  'clone-compiler': { 'system-prompt': 'md', 'knowledge-files': 'md', 'tool-configs': 'json' },
  'lead-magnet-builder': { 'lead-magnet-html': 'html' },
  'onboarding-builder': { 'onboarding-html': 'html' },
  'design-system-extractor': { 'design-system-html': 'html' },
  'clone-tester': { 'test-results': 'json', 'audit-sheet': 'md', 'simulation-log': 'json' },
  'boarding-orchestrator': { 'boarding-pack': 'html' },
};

describe('clone-factory', () => {
  it('GIVEN the template THEN it has the 18 blocks of the table, in table order', () => {
    expect(template.blocks.map((b) => b.id)).toEqual(Object.keys(TABLE));
  });

  it('GIVEN the template THEN it has exactly the three parallel groups of the table', () => {
    expect(parallelGroups(template)).toEqual({
      'L0-recon': ['deep-research', 'expert-recon', 'masterybook-sync'],
      'L2-extractors': ['framework-extractor', 'offer-extractor', 'resource-extractor', 'soul-extractor', 'voice-extractor'],
      'L3-builders': ['clone-compiler', 'design-system-extractor', 'lead-magnet-builder', 'onboarding-builder'],
    });
  });

  it('GIVEN the template THEN gates sit after exactly expert-framework-creator, gap-analyzer and clone-tester', () => {
    const gates = template.blocks.filter((b) => b.human_gate !== 'none').map((b) => `${b.id}:${b.human_gate}`);
    expect(gates).toEqual(['expert-framework-creator:after', 'gap-analyzer:after', 'clone-tester:after']);
  });

  it('GIVEN the template THEN the only threshold is clone-tester score >= 0.85, on a metric it declares', () => {
    const thresholds = template.blocks.filter((b) => b.threshold).map((b) => ({ id: b.id, ...b.threshold }));
    expect(thresholds).toEqual([{ id: 'clone-tester', metric: 'score', min: 0.85 }]);
    expect(blockById(template, 'clone-tester').outputs.metrics).toContainEqual({ key: 'score', type: 'score' });
  });

  it('GIVEN a rehearsal THEN clone-tester misses the threshold once and passes on the retry', () => {
    const tester = blockById(template, 'clone-tester');
    const [first, second] = tester.simulate?.scores ?? [];
    expect(first).toBeLessThan(0.85);
    expect(second).toBeGreaterThanOrEqual(0.85);
    expect(tester.max_retries).toBeGreaterThanOrEqual(1);
  });

  it('GIVEN the template THEN every block retries at most twice', () => {
    expect(template.blocks.filter((b) => b.max_retries !== 2).map((b) => b.id)).toEqual([]);
  });

  it.each(Object.entries(TABLE).filter(([id]) => id !== 'boarding-orchestrator'))(
    'GIVEN %s THEN it reads exactly the outputs of the data-flow table',
    (id, row) => {
      expect(readsOf(blockById(template, id))).toEqual([...row.reads].sort());
    },
  );

  it('GIVEN clone-compiler THEN it reads the five extractor outputs and gap-analyzer.gaps-json', () => {
    expect(readsOf(blockById(template, 'clone-compiler'))).toEqual([...EXTRACTOR_OUTPUTS, 'gap-analyzer.gaps-json'].sort());
  });

  it('GIVEN boarding-orchestrator THEN it reads every artifact of every other block', () => {
    const everyArtifact = template.blocks
      .filter((b) => b.id !== 'boarding-orchestrator')
      .flatMap((b) => b.outputs.artifacts.map((a) => `${b.id}.${a.key}`))
      .sort();
    expect(everyArtifact).toHaveLength(23);
    expect(readsOf(blockById(template, 'boarding-orchestrator'))).toEqual(everyArtifact);
  });

  it.each(Object.entries(WRITES))('GIVEN %s THEN it writes the artifacts and formats of the table', (id, writes) => {
    const artifacts = blockById(template, id).outputs.artifacts;
    expect(Object.fromEntries(artifacts.map((a) => [a.key, a.format]))).toEqual(writes);
    expect(artifacts.every((a) => typeof a.path === 'string' && a.path.length > 0)).toBe(true);
  });

  it('GIVEN the template THEN layers follow the table', () => {
    expect(Object.fromEntries(template.blocks.map((b) => [b.id, b.layer]))).toEqual(
      Object.fromEntries(Object.entries(TABLE).map(([id, row]) => [id, row.layer])),
    );
  });

  it('GIVEN the run params THEN expert_name is required, brand_url optional, and the blocks that read them declare it', () => {
    expect(template.params.expert_name?.required).toBe(true);
    expect(template.params.brand_url?.required).toBe(false);
    const readers = template.blocks.filter((b) => b.inputs.params.length > 0).map((b) => `${b.id}:${b.inputs.params.join(',')}`);
    expect(readers).toEqual(['deep-research:expert_name', 'expert-recon:expert_name', 'design-system-extractor:brand_url']);
  });

  it('GIVEN every block THEN it runs on anthropic with its own skill, opus only for the framework, gaps and tests', () => {
    const opus = ['expert-framework-creator', 'gap-analyzer', 'clone-tester'];
    for (const b of template.blocks) {
      expect({ id: b.id, runtime: b.runtime, skill: b.skill, model: b.model }).toEqual({
        id: b.id,
        runtime: 'anthropic',
        skill: b.id,
        model: opus.includes(b.id) ? 'opus' : 'sonnet',
      });
    }
  });

  it('GIVEN a rehearsal THEN the simulated machine time is about two hours, as observed', () => {
    const minutes = simulatedCriticalPathMs(template) / 60_000;
    expect(minutes).toBeGreaterThanOrEqual(100);
    expect(minutes).toBeLessThanOrEqual(140);
  });

  it('GIVEN the observed timings THEN each layer simulates for about as long as it took', () => {
    const longest = (layer: string) =>
      Math.max(...template.blocks.filter((b) => b.layer === layer).map((b) => (b.simulate?.duration ?? 0) / 60_000));
    expect({ L0: longest('L0'), framework: longest('L0.25'), L2: longest('L2'), L3: longest('L3'), testing: longest('L3.5') }).toEqual({
      L0: 10,
      framework: 15,
      L2: 20,
      L3: 25,
      testing: 30,
    });
  });

  it('GIVEN the three gates THEN each has a 4h SLA', () => {
    const deadlines = template.blocks.filter((b) => b.human_gate !== 'none').map((b) => b.review?.sla?.deadline);
    expect(deadlines).toEqual([4 * 3_600_000, 4 * 3_600_000, 4 * 3_600_000]);
  });
});
