import { watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * True when no live process has this pid. A zombie (dead, waiting for init to reap it) counts as
 * gone: it runs nothing and holds nothing, and reaping is init's job, not ours.
 */
export function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

/**
 * Resolves with a file's content once it appears (commands write it to a temp name and rename
 * it, so it appears complete). Event-driven through fs.watch: no polling, no sleeps.
 */
export function waitForFile(dir: string, name: string, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const watcher = watch(dir, { signal });
    const check = () =>
      readFile(join(dir, name), 'utf8').then(
        (text) => {
          watcher.close();
          resolve(text);
        },
        () => undefined,
      );
    watcher.on('change', (_type, file) => {
      if (file === name) void check();
    });
    watcher.on('error', reject);
    void check();
  });
}
