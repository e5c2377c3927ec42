import type { FileConfig } from '../config-file';

export interface ClarificationRoute {
  /** A named channel to post the question in instead of the run's channels; null: the usual review channels. */
  channel: string | null;
  /** Who may answer (roles or principals; owners and admins always may); undefined: any reviewer. */
  approvers: string[] | undefined;
}

/**
 * Where a clarification for `target` goes and who may answer it: a team from the config (its
 * channel and members), or else the target itself read as a role or principal, asked in the
 * tasks channel. No target: the run's reviewers, as for any gate.
 */
export function routeClarification(target: string | null | undefined, teams: FileConfig['teams'] = {}): ClarificationRoute {
  if (!target) return { channel: null, approvers: undefined };
  const team = teams[target];
  if (team) return { channel: team.channel ?? null, approvers: [...team.members] };
  return { channel: null, approvers: [target] };
}
