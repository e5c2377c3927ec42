import { spawn } from 'node:child_process';
import { ExecutorError } from '../domain/executor';
import { stopProcessGroup } from './process-group';
import { TailBuffer } from './tail-buffer';

export interface RunCommandOptions {
  shell: string;
  command: string;
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  signal: AbortSignal;
  /** Time between SIGTERM and SIGKILL when the group must be stopped. */
  killGraceMs: number;
  stdoutCap: number;
  stderrCap: number;
}

export interface CommandOutcome {
  /** Why the command ended: on its own, or stopped by the timeout or the abort signal. */
  end: 'exited' | 'timeout' | 'aborted';
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: TailBuffer;
  stderr: TailBuffer;
  /** 'killed' when something survived SIGTERM and had to be SIGKILLed. */
  stop: 'gone' | 'killed';
}

/**
 * Runs `<shell> -c <command>` as the leader of a new process group and resolves once the whole
 * group is gone: on timeout or abort the group gets SIGTERM then SIGKILL; after a normal exit
 * any background leftovers get the same, so no attempt leaves processes behind.
 */
export function runCommand(o: RunCommandOptions): Promise<CommandOutcome> {
  return new Promise((resolve, reject) => {
    const stdout = new TailBuffer(o.stdoutCap);
    const stderr = new TailBuffer(o.stderrCap);
    const child = spawn(o.shell, ['-c', o.command], { cwd: o.cwd, env: o.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const closed = new Promise<void>((r) => child.once('close', () => r()));
    child.stdout.on('data', (c: Buffer) => stdout.push(c));
    child.stderr.on('data', (c: Buffer) => stderr.push(c));

    let end: CommandOutcome['end'] = 'exited';
    let stopping: Promise<'gone' | 'killed'> | null = null;
    const stop = (why: 'timeout' | 'aborted') => {
      if (stopping || child.pid === undefined) return;
      end = why;
      stopping = stopProcessGroup(child.pid, o.killGraceMs);
    };
    const timer = setTimeout(() => stop('timeout'), o.timeoutMs);
    const onAbort = () => stop('aborted');
    o.signal.addEventListener('abort', onAbort, { once: true });
    const detach = () => {
      clearTimeout(timer);
      o.signal.removeEventListener('abort', onAbort);
    };

    child.once('error', (e) => {
      detach();
      reject(new ExecutorError(`could not start ${o.shell}: ${e.message}`, false, 'spawn_failed'));
    });
    child.once('exit', (code, signal) => {
      detach();
      const pid = child.pid;
      if (pid === undefined) return; // never started: the 'error' handler has rejected already
      void (async () => {
        // The leader is gone; sweep up whatever it left running in its group.
        const stopped = await (stopping ?? stopProcessGroup(pid, o.killGraceMs));
        // Pipes close when the last holder dies; a process that escaped the group (setsid) could
        // hold them forever, so bound the wait and cut them loose.
        const timedOut = await Promise.race([closed.then(() => false), pause(1_000).then(() => true)]);
        if (timedOut) {
          child.stdout.destroy();
          child.stderr.destroy();
        }
        resolve({ end, code, signal, stdout, stderr, stop: stopped });
      })().catch(reject);
    });
    if (o.signal.aborted) onAbort();
  });
}

function pause(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms).unref());
}
