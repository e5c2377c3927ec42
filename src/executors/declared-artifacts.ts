import type { z } from 'zod';
import type { ArtifactValue } from '../domain/executor';
import { ExecutorError } from '../domain/executor';
import { ownValue } from '../domain/own-value';
import type { Block } from '../schema/block';
import type { TaskResult } from '../schema/task-result';

export interface DeclaredArtifacts {
  /** One value per declared artifact that was produced, in declaration order. */
  artifacts: ArtifactValue[];
  /** The same contents by key: what TaskResult.artifacts holds. */
  contents: Record<string, string>;
  /** Keys the producer returned that the block does not declare (dropped; worth a log line). */
  ignored: string[];
}

/**
 * Maps whatever a producer (model, command, worker) returned onto the block's declared output
 * keys. A COMPLETE result must carry every declared artifact; JSON artifacts must parse. The
 * caller says whether a retry could fix a violation (a model: yes; a deterministic script: no).
 */
export function collectDeclaredArtifacts(
  block: Block,
  status: TaskResult['status'],
  produced: Record<string, string>,
  opts: { source: string; retryable: boolean },
): DeclaredArtifacts {
  const declared = block.outputs.artifacts;
  const declaredKeys = new Set(declared.map((a) => a.key));
  const ignored = Object.keys(produced).filter((k) => !declaredKeys.has(k));

  if (status === 'COMPLETE') {
    const missing = declared.filter((a) => ownValue(produced, a.key) === undefined).map((a) => a.key);
    if (missing.length > 0) {
      throw new ExecutorError(
        `${opts.source} returned COMPLETE without the declared artifact${missing.length > 1 ? 's' : ''} ${missing.map((k) => `"${k}"`).join(', ')} ` +
          `(block ${block.id} declares: ${[...declaredKeys].join(', ')}${ignored.length ? `; it returned: ${Object.keys(produced).join(', ')}` : ''})`,
        opts.retryable,
        'missing_artifacts',
      );
    }
  }

  const artifacts: ArtifactValue[] = [];
  const contents: Record<string, string> = {};
  for (const a of declared) {
    const content = ownValue(produced, a.key);
    if (content === undefined) continue;
    if (a.format === 'json') assertJson(a.key, content, opts);
    artifacts.push({ key: a.key, format: a.format, content });
    contents[a.key] = content;
  }
  return { artifacts, contents, ignored };
}

function assertJson(key: string, content: string, opts: { source: string; retryable: boolean }): void {
  try {
    JSON.parse(content);
  } catch (e) {
    throw new ExecutorError(
      `${opts.source} returned artifact "${key}", declared as json, which is not valid JSON: ${(e as Error).message}`,
      opts.retryable,
      'invalid_artifact',
    );
  }
}

/** One line naming every problem zod found, e.g. `status: Invalid option ...; metrics.score: expected number`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`).join('; ');
}
