import { readdir, readFile } from 'node:fs/promises';

/**
 * Stopping a command means stopping everything it started: commands run as leaders of their
 * own process group (spawned detached), and every signal goes to the whole group (-pgid), so
 * background children (`sleep 30 &`) and grandchildren die with the attempt.
 * A process that moves itself into a new session (setsid) escapes; nothing short of cgroups
 * catches that.
 */

/** Sends `signal` to every process in the group; false when the group no longer exists. */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw e;
  }
}

/**
 * True while some process of the group is still running. kill(-pgid, 0) alone is not enough:
 * orphans are reparented to PID 1, and in many containers PID 1 never reaps, so dead members
 * linger as zombies that still "exist". On Linux, /proc tells zombies apart; elsewhere we
 * trust kill().
 */
export async function groupIsRunning(pgid: number): Promise<boolean> {
  if (!signalGroup(pgid, 0)) return false;
  let pids: string[];
  try {
    pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
  } catch {
    return true;
  }
  const stats = await Promise.all(pids.map((pid) => readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '')));
  return stats.some((stat) => {
    // Fields after the parenthesised command name: state ppid pgrp ...
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(pgrp) === pgid && state !== 'Z' && state !== 'X';
  });
}

/** Polls until the group has stopped running or `timeoutMs` passes; true when it stopped. */
async function waitForGroupExit(pgid: number, timeoutMs: number, pollMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  // Polling is the only portable way: there is no wait() for processes we are not the parent of.
  while (await groupIsRunning(pgid)) {
    if (performance.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, pollMs));
  }
  return true;
}

/**
 * SIGTERM to the group, then SIGKILL if anything still runs after `graceMs`.
 * Resolves 'gone' (nothing was running or it all exited), 'killed' (SIGKILL was needed).
 */
export async function stopProcessGroup(pgid: number, graceMs: number, pollMs = 20): Promise<'gone' | 'killed'> {
  if (!(await groupIsRunning(pgid))) return 'gone';
  signalGroup(pgid, 'SIGTERM');
  if (await waitForGroupExit(pgid, graceMs, pollMs)) return 'gone';
  signalGroup(pgid, 'SIGKILL');
  // SIGKILL cannot be caught, but delivery is asynchronous: wait (bounded) until it took effect.
  await waitForGroupExit(pgid, 1_000, pollMs);
  return 'killed';
}
