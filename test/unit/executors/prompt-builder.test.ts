import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPrompt } from '../../../src/executors/prompt-builder';
import { fitInputs } from '../../../src/executors/truncate-inputs';
import { makeBlock, makeJob } from './fixtures';

const block = makeBlock({
  id: 'expert-framework-creator',
  name: 'Expert framework creator',
  type: 'build',
  layer: 'L0.25',
  skill: 'expert-framework',
  inputs: { depends: [{ block: 'deep-research', key: 'intel-report' }] },
  outputs: { artifacts: [{ key: 'expert-framework', format: 'json' }], metrics: [{ key: 'coverage', type: 'ratio' }] },
  threshold: { metric: 'score', min: 0.85 },
});

describe('buildPrompt', () => {
  it('GIVEN the answer to a clarification THEN the question and the answer are shown as such, not as a reviewer\'s feedback', () => {
    const job = makeJob(block, { attempt: 2, feedback: 'Use her 1843 notes.', feedbackKind: 'clarification', question: 'Which sources count as primary?' });
    const { user } = buildPrompt(job, null);
    expect(user).toContain('## The answer to your question (this is attempt 2)');
    expect(user).toContain('<question>\nWhich sources count as primary?\n</question>\n\n<answer>\nUse her 1843 notes.\n</answer>');
    expect(user).not.toContain('<feedback>');
  });

  it('GIVEN a repair round THEN the failed check is the hint, with the round and its bound', () => {
    const job = makeJob(block, { attempt: 3, feedback: 'score 0.62 is below the minimum 0.85', feedbackKind: 'repair', repair: { round: 2, maxRounds: 8 } });
    const { user } = buildPrompt(job, null);
    expect(user).toContain('## Repair: the previous attempt failed a check (this is attempt 3, repair round 2 of 8)');
    expect(user).toContain('<check_failure>\nscore 0.62 is below the minimum 0.85\n</check_failure>');
  });

  it('GIVEN skill, params, an upstream artifact and feedback THEN each appears where the model will read it', () => {
    const job = makeJob(block, {
      attempt: 2,
      params: { expert_name: 'Ada Lovelace', depth: 3 },
      inputs: { 'deep-research.intel-report': { key: 'intel-report', format: 'md', content: '# Intel\nShe wrote the first program.' } },
      feedback: 'Add her notes on the Analytical Engine.',
    });
    const { system, user } = buildPrompt(job, 'Build a framework of how the expert thinks.');
    expect(system).toContain('<skill name="expert-framework">\nBuild a framework of how the expert thinks.\n</skill>');
    expect(system).toContain('submit_result');
    expect(user).toContain('- expert_name: "Ada Lovelace"');
    expect(user).toContain('- depth: 3');
    expect(user).toContain('<artifact ref="deep-research.intel-report" format="md">\n# Intel\nShe wrote the first program.\n</artifact>');
    expect(user).toContain('<feedback>\nAdd her notes on the Analytical Engine.\n</feedback>');
    expect(user).toContain('attempt 2');
    expect(user).toContain('"expert-framework" (json)');
    expect(user).toContain('"score" (score, 0 to 1; must be at least 0.85 to pass)');
    expect(user).toContain('"coverage" (ratio, 0 to 1)');
  });

  it('GIVEN no feedback and no skill THEN neither section is invented', () => {
    const { system, user } = buildPrompt(makeJob(makeBlock({ name: 'Plain' })), null);
    expect(user).not.toContain('<feedback>');
    expect(system).not.toContain('<skill');
    expect(user).toContain('## Run parameters\n\n(none)');
  });

  it('GIVEN a huge artifact THEN it is cut with a visible marker and the prompt stays within the limits', () => {
    const huge = 'x'.repeat(100_000);
    const job = makeJob(block, { inputs: { 'deep-research.intel-report': { key: 'intel-report', format: 'md', content: huge } } });
    const { user } = buildPrompt(job, null, { maxArtifactChars: 1_000, maxInputChars: 5_000 });
    expect(user).toContain('[… truncated by Process Factory: showing the first 1,000 of 100,000 characters …]');
    expect(user.length).toBeLessThan(3_000);
  });

  it('GIVEN an artifact stored elsewhere THEN the prompt says where instead of inlining it', () => {
    const job = makeJob(block, { inputs: { 'a.dir': { key: 'dir', format: 'dir', content: null, location: 's3://bucket/raw' } } });
    expect(buildPrompt(job, null).user).toContain('(stored at s3://bucket/raw; not included here)');
  });
});

describe('fitInputs', () => {
  it('GIVEN small and large inputs THEN the small stay whole and the large share the rest', () => {
    const fitted = fitInputs(
      [
        { ref: 'big-1', text: 'a'.repeat(10_000) },
        { ref: 'small', text: 'tiny' },
        { ref: 'big-2', text: 'b'.repeat(10_000) },
      ],
      8_000,
      6_004,
    );
    expect(fitted[1]).toMatchObject({ text: 'tiny', truncated: false });
    expect(fitted[0]!.text.startsWith('a'.repeat(3_000) + '\n[… truncated')).toBe(true);
    expect(fitted[2]!.truncated).toBe(true);
  });

  it('GIVEN any inputs THEN kept text respects both limits and order is preserved', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 300 }), { maxLength: 8 }), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 600 }), (texts, per, total) => {
        const fitted = fitInputs(texts.map((text, i) => ({ ref: `r${i}`, text })), per, total);
        expect(fitted.map((f) => f.ref)).toEqual(texts.map((_, i) => `r${i}`));
        const kept = fitted.map((f, i) => (f.truncated ? f.text.indexOf('\n[… truncated') : texts[i]!.length));
        kept.forEach((k) => expect(k).toBeLessThanOrEqual(per));
        expect(kept.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(total);
        fitted.forEach((f, i) => expect(f.truncated).toBe(kept[i]! < texts[i]!.length));
      }),
    );
  });
});
