/**
 * Who this process is, for block leases: `<instance>:<host>:<pid>:<boot>`. The instance id is
 * created once per data directory and host and kept in a file there, so a process restarted on
 * the same machine and data directory knows which leases were its own predecessor's. A lease is
 * reclaimed at start only when it belongs to this instance and its process is gone: our own pid
 * from an earlier boot (the pid is ours now, so that process ended), or a pid that no longer runs
 * on this host. Replicas on other hosts, or with another data directory, have other instance ids
 * and are never touched; their dead leases wait for expiry as before.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export interface ProcessIdentity {
  /** The lease owner string for this process. */
  owner: string;
  /** What every lease of this instance (any boot) starts with. */
  instancePrefix: string;
  /** True for a lease owner of this instance whose process is gone. */
  isDeadPredecessor(owner: string): boolean;
}

export interface IdentityOptions {
  host?: string;
  pid?: number;
  /** Whether a pid runs on this host (default: signal 0). */
  isAlive?: (pid: number) => boolean;
}

/** Loads (or creates) the instance id in `dataDir` and builds this process's identity. */
export function loadProcessIdentity(dataDir: string, opts: IdentityOptions = {}): ProcessIdentity {
  const host = (opts.host ?? hostname()).replace(/[^A-Za-z0-9.-]/g, '-') || 'host';
  const file = join(dataDir, `instance-${host}.id`);
  return identityFor(readOrCreateInstanceId(file), host, opts.pid ?? process.pid, opts.isAlive ?? isPidAlive);
}

/** The identity for a known instance id (pure apart from `isAlive`). */
export function identityFor(instanceId: string, host: string, pid: number, isAlive: (pid: number) => boolean): ProcessIdentity {
  const instancePrefix = `${instanceId}:${host}:`;
  const owner = `${instancePrefix}${pid}:${randomBytes(3).toString('hex')}`;
  return {
    owner,
    instancePrefix,
    isDeadPredecessor(other) {
      if (other === owner || !other.startsWith(instancePrefix)) return false;
      const otherPid = Number(other.slice(instancePrefix.length).split(':')[0]);
      if (!Number.isInteger(otherPid) || otherPid <= 0) return false;
      return otherPid === pid || !isAlive(otherPid);
    },
  };
}

function readOrCreateInstanceId(file: string): string {
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (/^[a-f0-9]{8,}$/.test(existing)) return existing;
  } catch {
    // Not there yet: created below.
  }
  const id = randomBytes(6).toString('hex');
  mkdirSync(join(file, '..'), { recursive: true });
  try {
    writeFileSync(file, `${id}\n`, { flag: 'wx' });
    return id;
  } catch (error) {
    // Another process of this host created it a moment ago: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw error;
  }
}

function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
