import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DatabaseOpenError } from './open-errors';

const LOCK_FILE = '.process-factory.lock';
// Locks this process holds: a lock file with our own pid is ours only if it is in here; otherwise
// it was left by an earlier process that had the same pid (pid 1 in a restarted container).
const heldHere = new Set<string>();

/**
 * PGlite has no postmaster to refuse a second process, and two processes writing one data
 * directory corrupt it. This lock file (holding our pid) makes the second one stop with a
 * sentence instead. A lock left by a process that no longer exists is taken over; a second open in the same process
 * is refused like any other.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(resolve(dataDir), LOCK_FILE);
  for (let tries = 0; tries < 2; tries++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      heldHere.add(path);
      return () => {
        heldHere.delete(path);
        rmSync(path, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new DatabaseOpenError('data-dir', `cannot use ${dataDir} for the embedded database (${(err as Error).message}): make FACTORY_DATA_DIR a writable directory, or set DATABASE_URL to use PostgreSQL.`, { cause: err });
      }
      const holder = Number(readFileSync(path, 'utf8').trim());
      if (holder === process.pid ? heldHere.has(path) : isAlive(holder)) {
        throw new DatabaseOpenError('data-dir', `another Process Factory (pid ${holder}) is using the embedded database in ${dataDir}: stop it, or give this one another FACTORY_DATA_DIR. PGlite allows one process per directory; use PostgreSQL (DATABASE_URL) to run replicas.`);
      }
      rmSync(path, { force: true });
    }
  }
  throw new DatabaseOpenError('data-dir', `cannot take the lock ${path}: remove it if no Process Factory is running.`);
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
