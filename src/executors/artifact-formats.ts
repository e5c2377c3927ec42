import type { ARTIFACT_FORMATS } from '../schema/block';

export type ArtifactFormat = (typeof ARTIFACT_FORMATS)[number];

/** File extension used when an artifact is written to disk (shell inputs, worker files). */
const EXTENSIONS: Record<ArtifactFormat, string> = {
  md: 'md',
  json: 'json',
  html: 'html',
  txt: 'txt',
  url: 'url',
  // A "dir" artifact travels as a listing of the files it holds, one path a line.
  dir: 'list.txt',
  csv: 'csv',
  yaml: 'yaml',
  file: 'txt',
};

/** The extension for a format, without the dot. */
export function extensionFor(format: string): string {
  return EXTENSIONS[format as ArtifactFormat] ?? 'txt';
}

/** The file name an upstream artifact gets in an input directory: `<block>.<key>.<ext>`. */
export function inputFileName(block: string, key: string, format: string): string {
  return `${block}.${safeSegment(key)}.${extensionFor(format)}`;
}

/** Keeps a key usable as one path segment (keys are free text in templates). */
function safeSegment(key: string): string {
  return key.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
}
