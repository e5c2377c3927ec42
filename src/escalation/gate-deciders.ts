import type { FileConfig } from '../config-file';
import type { GateRecord, RunRecord } from '../domain/records';
import { ROLES, type Role } from '../domain/statuses';
import { blockOf } from '../runner/read-models';

const ROLE_NAMES: ReadonlySet<string> = new Set(ROLES);

/**
 * Principals (or raw ids) of who must decide the gate: its assignee, else its approvers, with
 * role names expanded through config; else the reviewer role. The gate card pings them and a
 * mention step without its own names calls them.
 */
export function gateDeciders(roles: FileConfig['roles'], run: Pick<RunRecord, 'template'>, gate: Pick<GateRecord, 'blockId' | 'assignee'>): string[] {
  if (gate.assignee) return [`${gate.assignee.platform}:user:${gate.assignee.id}`];
  const byRole = roles ?? {};
  const approvers = blockOf(run as RunRecord, gate.blockId)?.review?.approvers ?? ['reviewer'];
  return approvers.flatMap((a) => (ROLE_NAMES.has(a) ? (byRole[a as Role] ?? []) : [a]));
}
