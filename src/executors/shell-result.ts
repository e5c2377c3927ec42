import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { ExecutorError } from '../domain/executor';
import type { Block } from '../schema/block';
import { taskResultSchema, type TaskResult } from '../schema/task-result';
import { extensionFor } from './artifact-formats';
import { describeIssues } from './declared-artifacts';
import type { TailBuffer } from './tail-buffer';
import { tailWithMarker } from './tail-buffer';

export const RESULT_FILE = 'result.json';

/**
 * What a command reported, in order of precedence: `$FACTORY_OUTPUT_DIR/result.json`; else the
 * last non-empty stdout line when it is a JSON object with a "status"; else plain COMPLETE with
 * the stdout tail as reasoning. A JSON line without "status" is ordinary output (many tools log
 * JSON lines), not a broken result.
 */
export async function readShellResult(stdout: TailBuffer, outputDir: string, reasoningBytes: number): Promise<TaskResult> {
  const file = await readTextIfExists(join(outputDir, RESULT_FILE));
  if (file !== null) return parseResult(parseJson(file, `${RESULT_FILE}`), RESULT_FILE);

  const lines = stdout.text().split('\n').map((l) => l.trim()).filter(Boolean);
  const last = lines.at(-1);
  if (last?.startsWith('{')) {
    const value = tryParseJson(last);
    if (value && typeof value === 'object' && !Array.isArray(value) && 'status' in value) return parseResult(value, 'the last stdout line');
  }
  return taskResultSchema.parse({ status: 'COMPLETE', reasoning: tailWithMarker(stdout, reasoningBytes) });
}

/**
 * Reads declared artifacts the result did not carry inline from the output directory: the
 * artifact's `path` (relative to the output dir), else `<key>.<ext>`. A directory becomes a
 * listing of its files. Paths may not leave the output directory.
 */
export async function readArtifactFiles(block: Block, outputDir: string, skip: Set<string>, maxBytes: number): Promise<Record<string, string>> {
  const found: Record<string, string> = {};
  const root = resolve(outputDir);
  for (const a of block.outputs.artifacts) {
    if (skip.has(a.key)) continue;
    const path = resolve(root, a.path ?? `${a.key}.${extensionFor(a.format)}`);
    if (path !== root && !path.startsWith(root + sep)) {
      throw new ExecutorError(`artifact "${a.key}" has path "${a.path}", which leaves the output directory`, false, 'invalid_artifact');
    }
    const info = await stat(path).catch(() => null);
    if (!info) continue;
    if (info.isDirectory()) {
      // parentPath is Node 20.12+; `path` is its older name (engines allow 20.11).
      const entries = await readdir(path, { recursive: true, withFileTypes: true });
      found[a.key] = entries.filter((e) => e.isFile()).map((e) => relative(path, join(e.parentPath ?? e.path, e.name))).sort().join('\n');
    } else if (info.size > maxBytes) {
      throw new ExecutorError(`artifact "${a.key}" is ${info.size} bytes; the limit is ${maxBytes}`, false, 'artifact_too_large');
    } else {
      found[a.key] = await readFile(path, 'utf8');
    }
  }
  return found;
}

function parseResult(value: unknown, where: string): TaskResult {
  const parsed = taskResultSchema.safeParse(value);
  // A deterministic command would print the same wrong shape again: not retryable.
  if (!parsed.success) throw new ExecutorError(`${where} is not a valid result: ${describeIssues(parsed.error)}`, false, 'invalid_result');
  return parsed.data;
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ExecutorError(`${where} is not valid JSON: ${(e as Error).message}`, false, 'invalid_result');
  }
}

function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function readTextIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}
