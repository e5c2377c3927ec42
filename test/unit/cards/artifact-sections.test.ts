import { describe, expect, it } from 'vitest';
import { ARTIFACT_PREVIEW_CHARS, buildArtifactSections } from '../../../src/cards/artifact-sections';
import { buildGateCard } from '../../../src/cards/gate-card';
import type { ArtifactPreview } from '../../../src/domain/views';
import { BASE_URL, NOW, makeGate } from './fixtures';

const owner = (artifacts: ArtifactPreview[]) => ({ runId: 'run-12', blockId: 'deep-research', artifacts });
const withBase = { now: NOW, publicBaseUrl: `${BASE_URL}/` };
const report = (preview: string | null, sizeBytes: number | null): ArtifactPreview => ({ key: 'intel-report', format: 'md', preview, sizeBytes });

describe('artifact previews', () => {
  it('GIVEN a preview longer than the limit THEN it is cut with "…" and moreUrl points at the full artifact', () => {
    const [section] = buildArtifactSections(owner([report('word '.repeat(400), 2000)]), withBase);
    expect(Array.from(section!.text).length).toBeLessThanOrEqual(ARTIFACT_PREVIEW_CHARS);
    expect(section!.text.endsWith('…')).toBe(true);
    expect(section!.moreUrl).toBe(`${BASE_URL}/runs/run-12/artifacts/deep-research/intel-report`);
  });

  it('GIVEN a short preview that is the whole artifact THEN it is shown whole with no moreUrl', () => {
    const [section] = buildArtifactSections(owner([report('# Intel\nAll of it.', 18)]), withBase);
    expect(section).toEqual({ title: 'intel-report (md, 18 B)', text: '# Intel\nAll of it.' });
  });

  it('GIVEN a preview the store already cut (size larger than the preview) THEN moreUrl is set', () => {
    const [section] = buildArtifactSections(owner([report('# Intel\nThe start.', 48_000)]), withBase);
    expect(section!.title).toBe('intel-report (md, 46.9 KB)');
    expect(section!.moreUrl).toContain('/artifacts/deep-research/intel-report');
  });

  it('GIVEN a cut preview and no base URL THEN it says it is only a preview, without a link', () => {
    const [section] = buildArtifactSections(owner([report('x'.repeat(2000), 2000)]), { now: NOW });
    expect(section!.moreUrl).toBeUndefined();
    expect(section!.text).toContain('(preview only of 2.0 KB)');
  });

  it('GIVEN an external artifact and no base URL THEN its own URL is the link', () => {
    const [section] = buildArtifactSections(
      owner([{ key: 'notebook-url', format: 'url', preview: null, sizeBytes: null, url: 'https://notebook.example/1' }]),
      { now: NOW },
    );
    expect(section).toEqual({ title: 'notebook-url (url)', text: 'No text preview; open the full artifact.', moreUrl: 'https://notebook.example/1' });
  });

  it('GIVEN ids with characters unsafe in a URL THEN they are encoded', () => {
    const [section] = buildArtifactSections(
      { runId: 'run 1', blockId: 'b', artifacts: [report('y'.repeat(900), 900)] },
      withBase,
    );
    expect(section!.moreUrl).toBe(`${BASE_URL}/runs/run%201/artifacts/b/intel-report`);
  });

  it('GIVEN six artifacts THEN four are shown and the rest are named in a last section', () => {
    const many = ['a', 'b', 'c', 'd', 'e', 'f'].map((key) => ({ key, format: 'json', preview: '{}', sizeBytes: 2 }));
    const sections = buildArtifactSections(owner(many), withBase);
    expect(sections).toHaveLength(5);
    expect(sections[4]).toEqual({ text: '+2 more: e, f', moreUrl: `${BASE_URL}/runs/run-12` });
  });

  it('GIVEN a gate card with a long artifact THEN the card section carries the cut text and moreUrl', () => {
    const card = buildGateCard(makeGate({ artifacts: [report('z'.repeat(5000), 5000)] }), withBase);
    expect(card.sections?.[0]?.moreUrl).toBe(`${BASE_URL}/runs/run-12/artifacts/expert-framework-creator/intel-report`);
    expect(card.sections?.[0]?.text.length).toBeLessThanOrEqual(ARTIFACT_PREVIEW_CHARS);
  });
});
