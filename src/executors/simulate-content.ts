import type { ArtifactFormat } from './artifact-formats';

/** What a simulated artifact is about. */
export interface SimulatedArtifactContext {
  blockName: string;
  key: string;
  runId: string;
  attempt: number;
  feedback?: string | null;
}

/**
 * Placeholder content for a simulated artifact, valid in its declared format (JSON parses, HTML
 * is a document, a URL is a URL) so downstream blocks and renderers see realistic shapes.
 */
export function simulatedArtifactContent(format: ArtifactFormat, c: SimulatedArtifactContext): string {
  const line = `Simulated ${c.key} for run ${c.runId}, attempt ${c.attempt}`;
  const revised = c.feedback ? `Revised after feedback: ${c.feedback}` : null;
  switch (format) {
    case 'md':
    case 'txt':
    case 'file':
      return [format === 'md' ? `# ${c.blockName}` : c.blockName, '', line, ...(revised ? ['', revised] : []), ''].join('\n');
    case 'json':
      return `${JSON.stringify(
        { title: c.blockName, simulated: true, key: c.key, run_id: c.runId, attempt: c.attempt, summary: line, feedback: c.feedback ?? null },
        null,
        2,
      )}\n`;
    case 'html':
      return [
        '<!doctype html>',
        `<html><head><meta charset="utf-8"><title>${escapeHtml(c.blockName)}</title></head>`,
        `<body><h1>${escapeHtml(c.blockName)}</h1><p>${escapeHtml(line)}</p>${revised ? `<p>${escapeHtml(revised)}</p>` : ''}</body></html>`,
        '',
      ].join('\n');
    case 'url':
      // .invalid is reserved (RFC 2606): a rehearsal link can never reach a real site.
      return `https://simulated.invalid/${encodeURIComponent(c.runId)}/${encodeURIComponent(c.key)}?attempt=${c.attempt}`;
    case 'csv':
      return ['field,value', `title,${csvCell(c.blockName)}`, `run_id,${csvCell(c.runId)}`, `attempt,${c.attempt}`, `summary,${csvCell(line)}`, ''].join('\n');
    case 'yaml':
      return [`title: ${JSON.stringify(c.blockName)}`, 'simulated: true', `run_id: ${JSON.stringify(c.runId)}`, `attempt: ${c.attempt}`, `summary: ${JSON.stringify(line)}`, ''].join('\n');
    case 'dir':
      return [`${c.key}/README.md`, `${c.key}/source-1.md`, `${c.key}/source-2.md`, ''].join('\n');
  }
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function csvCell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
