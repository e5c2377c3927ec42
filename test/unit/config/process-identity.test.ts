import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { identityFor, loadProcessIdentity } from '../../../src/boot/process-identity';

describe('process identity for leases', () => {
  it('GIVEN one data directory and host THEN every start has the same instance and a new owner', () => {
    const dir = mkdtempSync(join(tmpdir(), 'identity-'));
    const first = loadProcessIdentity(dir, { host: 'box', pid: 100 });
    const second = loadProcessIdentity(dir, { host: 'box', pid: 100 });
    expect(second.instancePrefix).toBe(first.instancePrefix);
    expect(second.owner).not.toBe(first.owner);
    expect(loadProcessIdentity(mkdtempSync(join(tmpdir(), 'identity-')), { host: 'box', pid: 100 }).instancePrefix).not.toBe(first.instancePrefix);
  });

  it('GIVEN leases of this instance, of a live sibling and of other replicas THEN only dead predecessors are reclaimed', () => {
    const alive = new Set([200]);
    const me = identityFor('abc123abc123', 'box', 100, (pid) => alive.has(pid));
    expect(me.isDeadPredecessor(me.owner)).toBe(false);
    // Our own pid from an earlier boot (a container restarts as pid 1 again): that process ended.
    expect(me.isDeadPredecessor('abc123abc123:box:100:ffffff')).toBe(true);
    expect(me.isDeadPredecessor('abc123abc123:box:300:aaaaaa')).toBe(true);
    // A second process on the same data directory that still runs: hands off.
    expect(me.isDeadPredecessor('abc123abc123:box:200:aaaaaa')).toBe(false);
    // Replicas elsewhere, and owners of the old format: left to lease expiry.
    expect(me.isDeadPredecessor('def456def456:box:300:aaaaaa')).toBe(false);
    expect(me.isDeadPredecessor('abc123abc123:other:300:aaaaaa')).toBe(false);
    expect(me.isDeadPredecessor('box:300')).toBe(false);
  });
});
