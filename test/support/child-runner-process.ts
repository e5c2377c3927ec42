import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ChildRunnerOptions } from './child-runner-options';

const SCRIPT = fileURLToPath(new URL('./child-runner.ts', import.meta.url));
// `--import tsx` resolves tsx from the working directory: the repository root.
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** One attempt the child handed to its executor. */
export interface ChildExecution {
  blockRunId: string;
  blockId: string;
  attempt: number;
}

export interface ChildRunner {
  owner: string;
  pid: number;
  /** Lets a standby child's runner start claiming; resolves once it has. */
  start(): Promise<void>;
  /** SIGKILL: a crash. Nothing is cleaned up, leases stay held until they expire. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM: a graceful stop (in-flight attempts get a second, then are recorded as interrupted). */
  stop(timeoutMs?: number): Promise<void>;
  /** Every attempt this child started executing, in order. */
  executions(): readonly ChildExecution[];
  /** What the child wrote to stderr (its warnings and errors), for failure messages. */
  stderr(): string;
  readonly exited: boolean;
}

/**
 * Starts test/support/child-runner.ts as a separate Node process (node itself, not npx, so that
 * the pid we signal is the runner's own) and resolves once it is ready: its Runner started, or,
 * for a standby, its database open and its code loaded (then `start()` takes seconds less).
 */
export async function spawnChildRunner(options: ChildRunnerOptions, opts: { readyTimeoutMs?: number } = {}): Promise<ChildRunner> {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, JSON.stringify(options)], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-20_000)));
  let exited = false;
  // 'close', not 'exit': by then everything the child wrote to stdout has been read.
  const exit = once(child, 'close').then(() => {
    exited = true;
  });

  const executions: ChildExecution[] = [];
  let markReady: () => void = () => undefined;
  let markStarted: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (!line.startsWith('{')) return;
    const message = JSON.parse(line) as { event?: string } & Partial<ChildExecution>;
    if (message.event === 'ready') markReady();
    if (message.event === 'started') markStarted();
    if (message.event === 'executing') executions.push({ blockRunId: String(message.blockRunId), blockId: String(message.blockId), attempt: Number(message.attempt) });
  });

  const readyTimeoutMs = opts.readyTimeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  const failed = Promise.race([
    exit.then(() => `exited before it was ready`),
    new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`was not ready after ${readyTimeoutMs} ms`), readyTimeoutMs))),
  ]);
  const problem = await Promise.race([ready.then(() => null), failed]);
  clearTimeout(timer);
  if (problem) {
    child.kill('SIGKILL');
    throw new Error(`the child runner ${options.owner} ${problem}:\n${stderr}`);
  }

  const signal = async (name: NodeJS.Signals, timeoutMs: number) => {
    if (exited) return;
    child.kill(name);
    let late: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (late = setTimeout(() => resolve('timeout'), timeoutMs)));
    const outcome = await Promise.race([exit, timeout]);
    clearTimeout(late);
    if (outcome === 'timeout') {
      child.kill('SIGKILL');
      await exit;
    }
  };
  return {
    owner: options.owner,
    pid: child.pid!,
    start: async () => {
      child.stdin.write('start\n');
      await Promise.race([started, exit.then(() => Promise.reject(new Error(`the child runner ${options.owner} exited before it started:\n${stderr}`)))]);
    },
    kill: () => signal('SIGKILL', 10_000),
    stop: (timeoutMs = 10_000) => signal('SIGTERM', timeoutMs),
    executions: () => executions,
    stderr: () => stderr,
    get exited() {
      return exited;
    },
  };
}
