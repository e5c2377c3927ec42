import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExecutorJob } from '../domain/executor';
import { ExecutorError } from '../domain/executor';
import { inputFileName } from './artifact-formats';

/** The directories of one attempt; all live under one temp root removed afterwards. */
export interface ShellDirs {
  work: string;
  input: string;
  output: string;
}

export const DEFAULT_SHELL_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** "expert_name" -> "EXPERT_NAME", "deep-research" -> "DEEP_RESEARCH". */
export function envName(text: string): string {
  return text.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toUpperCase();
}

/**
 * Writes each upstream artifact to `<input>/<block>.<key>.<ext>` and returns the
 * FACTORY_INPUT_<BLOCK>_<KEY> variables pointing at them. An artifact stored elsewhere
 * (content null) is passed as its location instead.
 */
export async function writeInputFiles(inputs: ExecutorJob['inputs'], inputDir: string): Promise<Record<string, string>> {
  const vars: Record<string, string> = {};
  for (const [ref, artifact] of Object.entries(inputs)) {
    const dot = ref.indexOf('.');
    const block = dot > 0 ? ref.slice(0, dot) : ref;
    const key = dot > 0 ? ref.slice(dot + 1) : artifact.key;
    const name = `FACTORY_INPUT_${envName(block)}_${envName(key)}`;
    if (artifact.content !== null) {
      const file = join(inputDir, inputFileName(block, key, artifact.format));
      await writeFile(file, artifact.content, 'utf8');
      vars[name] = file;
    } else if (artifact.location) {
      vars[name] = artifact.location;
    }
  }
  return vars;
}

/**
 * The whole environment of a command: a small safe base, the FACTORY_* job variables, and only
 * the variables the block declares in inputs.env, taken from `source` (never the bot's own
 * environment, which holds chat tokens and API keys).
 */
export function buildShellEnv(
  job: ExecutorJob,
  dirs: ShellDirs,
  inputVars: Record<string, string>,
  opts: { path: string; source: Record<string, string | undefined> },
): Record<string, string> {
  const env: Record<string, string> = {
    PATH: opts.path,
    HOME: dirs.work,
    TMPDIR: dirs.work,
    FACTORY_RUN_ID: job.runId,
    FACTORY_BLOCK_ID: job.block.id,
    FACTORY_BLOCK_RUN_ID: job.blockRunId,
    FACTORY_ATTEMPT: String(job.attempt),
    FACTORY_FEEDBACK: job.feedback ?? '',
    FACTORY_INPUT_DIR: dirs.input,
    FACTORY_OUTPUT_DIR: dirs.output,
    ...inputVars,
  };
  for (const [name, value] of Object.entries(job.params)) {
    if (value === undefined || value === null) continue;
    env[`FACTORY_PARAM_${envName(name)}`] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  const missing = job.block.inputs.env.filter((name) => opts.source[name] === undefined);
  if (missing.length > 0) {
    throw new ExecutorError(
      `block ${job.block.id} declares inputs.env ${missing.join(', ')}, which ${missing.length > 1 ? 'are' : 'is'} not set: ` +
        'add it to the bot\'s environment (.env) and restart',
      false,
      'not_configured',
    );
  }
  for (const name of job.block.inputs.env) env[name] = opts.source[name]!;
  return env;
}
