import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Executor, ExecutorContext, ExecutorJob, ExecutorResult } from '../domain/executor';
import { ExecutorError } from '../domain/executor';
import { formatDuration } from '../schema/duration';
import { abortError, throwIfAborted } from './abort';
import { collectDeclaredArtifacts } from './declared-artifacts';
import { runCommand } from './run-command';
import { buildShellEnv, DEFAULT_SHELL_PATH, writeInputFiles, type ShellDirs } from './shell-env';
import { readArtifactFiles, readShellResult } from './shell-result';
import { tailWithMarker } from './tail-buffer';

export interface ShellExecutorOptions {
  /** Where the variables a block declares in inputs.env come from (the lead passes the parsed environment). Nothing else of it reaches commands. */
  env?: Record<string, string | undefined>;
  /** PATH for commands. Default: the standard system directories. */
  path?: string;
  /** Parent directory of the per-attempt temp dirs. Default: the OS temp dir. */
  tmpDir?: string;
  /** Used when a block sets no timeout. Default 10 minutes. */
  defaultTimeoutMs?: number;
  /** Between SIGTERM and SIGKILL when a command must be stopped. Default 5 s. */
  killGraceMs?: number;
  /** Default /bin/sh. */
  shell?: string;
  /** Bytes of stdout kept for finding the result line. Default 1 MiB. */
  maxStdoutBytes?: number;
  /** Largest artifact file read from the output dir. Default 10 MiB. */
  maxArtifactBytes?: number;
}

/** Output tails kept in errors and reasoning: enough to diagnose, small enough for a chat card. */
const TAIL_BYTES = 4_096;

/**
 * Runs a block's `command` with `/bin/sh -c` in a fresh temp dir, as its own process group, with
 * a minimal environment (see buildShellEnv). The result is result.json or the last stdout line
 * (see readShellResult); artifacts may also be files in $FACTORY_OUTPUT_DIR.
 */
export class ShellExecutor implements Executor {
  readonly runtime = 'shell' as const;

  constructor(private readonly options: ShellExecutorOptions = {}) {}

  async execute(job: ExecutorJob, ctx: ExecutorContext): Promise<ExecutorResult> {
    const { block } = job;
    if (!block.command?.trim()) {
      throw new ExecutorError(`block ${block.id} has runtime "shell" but no command: add "command" to the block`, false, 'not_configured');
    }
    throwIfAborted(ctx.signal);
    const o = this.options;
    const root = await mkdtemp(join(o.tmpDir ?? tmpdir(), 'factory-shell-'));
    try {
      const dirs: ShellDirs = { work: join(root, 'work'), input: join(root, 'input'), output: join(root, 'output') };
      await Promise.all([mkdir(dirs.work), mkdir(dirs.input), mkdir(dirs.output)]);
      const inputVars = await writeInputFiles(job.inputs, dirs.input);
      const env = buildShellEnv(job, dirs, inputVars, { path: o.path ?? DEFAULT_SHELL_PATH, source: o.env ?? {} });
      const timeoutMs = block.timeout ?? o.defaultTimeoutMs ?? 600_000;

      ctx.log('shell: starting', { block: block.id, attempt: job.attempt });
      const run = await runCommand({
        shell: o.shell ?? '/bin/sh',
        command: block.command,
        cwd: dirs.work,
        env,
        timeoutMs,
        signal: ctx.signal,
        killGraceMs: o.killGraceMs ?? 5_000,
        stdoutCap: o.maxStdoutBytes ?? 1_048_576,
        stderrCap: TAIL_BYTES,
      });
      const stderr = tailWithMarker(run.stderr, TAIL_BYTES);
      if (run.end === 'aborted') throw abortError(ctx.signal, 'the command');
      if (run.end === 'timeout') {
        throw new ExecutorError(
          `command timed out after ${formatDuration(timeoutMs)}; its process group was stopped${run.stop === 'killed' ? ' with SIGKILL' : ''}${stderr ? `\n${stderr}` : ''}`,
          true,
          'timeout',
        );
      }
      if (run.code !== 0) {
        const how = run.code === null ? `was killed by ${run.signal}` : `exited with code ${run.code}`;
        throw new ExecutorError(`command ${how}${stderr ? `:\n${stderr}` : ' (no stderr)'}`, true, 'command_failed');
      }

      const result = await readShellResult(run.stdout, dirs.output, TAIL_BYTES);
      const files = await readArtifactFiles(block, dirs.output, new Set(Object.keys(result.artifacts)), o.maxArtifactBytes ?? 10_485_760);
      const produced = { ...files, ...result.artifacts };
      const collected = collectDeclaredArtifacts(block, result.status, produced, { source: 'the command', retryable: false });
      if (collected.ignored.length) ctx.log('shell: undeclared artifacts ignored', { block: block.id, keys: collected.ignored });
      const log = stderr ? [`stderr:\n${stderr}`] : [];
      return { result: { ...result, artifacts: collected.contents }, artifacts: collected.artifacts, log };
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }
}
