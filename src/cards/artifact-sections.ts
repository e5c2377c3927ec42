import type { CardSection } from '../domain/card';
import type { ArtifactPreview } from '../domain/views';
import { buildArtifactUrl, buildRunUrl, type CardContext } from './card-context';
import { formatBytes, listNames, truncateText } from './text-format';

/** Characters of each artifact shown on a card: enough to judge, short enough for a phone. */
export const ARTIFACT_PREVIEW_CHARS = 500;
/** Artifacts shown on one card; the rest are named in a last section. */
export const MAX_ARTIFACTS_SHOWN = 4;

export interface ArtifactOwner {
  runId: string;
  blockId: string;
  artifacts: readonly ArtifactPreview[];
}

const utf8 = new TextEncoder();

function describeArtifact(a: ArtifactPreview): string {
  return a.sizeBytes === null ? `${a.key} (${a.format})` : `${a.key} (${a.format}, ${formatBytes(a.sizeBytes)})`;
}

function buildArtifactSection(owner: ArtifactOwner, a: ArtifactPreview, ctx: CardContext, maxChars: number): CardSection {
  const fullUrl = buildArtifactUrl(ctx, owner.runId, owner.blockId, a.key) ?? a.url ?? undefined;
  const title = describeArtifact(a);
  if (a.preview === null || a.preview.trim() === '') {
    const text = fullUrl ? 'No text preview; open the full artifact.' : 'No text preview.';
    return fullUrl ? { title, text, moreUrl: fullUrl } : { title, text };
  }
  const text = truncateText(a.preview.trimEnd(), maxChars);
  const cutHere = text !== a.preview.trimEnd();
  const cutByStore = a.sizeBytes !== null && a.sizeBytes > utf8.encode(a.preview).length;
  if (!cutHere && !cutByStore) return { title, text };
  if (fullUrl) return { title, text, moreUrl: fullUrl };
  const total = a.sizeBytes === null ? '' : ` of ${formatBytes(a.sizeBytes)}`;
  return { title, text: `${text}\n(preview only${total})` };
}

/**
 * What a block produced, one section per artifact: the start of its text, cut to `maxChars`,
 * with `moreUrl` to the full artifact when it was cut and a link is known.
 */
export function buildArtifactSections(
  owner: ArtifactOwner,
  ctx: CardContext,
  limits: { maxChars?: number; maxArtifacts?: number } = {},
): CardSection[] {
  const maxChars = limits.maxChars ?? ARTIFACT_PREVIEW_CHARS;
  const maxArtifacts = limits.maxArtifacts ?? MAX_ARTIFACTS_SHOWN;
  const shown = owner.artifacts.slice(0, maxArtifacts);
  const sections = shown.map((a) => buildArtifactSection(owner, a, ctx, maxChars));
  const hidden = owner.artifacts.slice(maxArtifacts);
  if (hidden.length > 0) {
    const runUrl = buildRunUrl(ctx, owner.runId);
    const text = `+${hidden.length} more: ${listNames(hidden.map((a) => a.key), 5)}`;
    sections.push(runUrl ? { text, moreUrl: runUrl } : { text });
  }
  return sections;
}
