/**
 * Quorum arithmetic for gates that need more than one approval: pure, no I/O.
 *
 * A rule asks for `required` distinct approvers in all, of whom `groups[g]` must come from group g
 * ("one from legal and one from eng"). One person fills at most one group slot, so a lawyer who is
 * also an engineer cannot satisfy both; which slot each approver fills is a bipartite matching,
 * found by augmenting paths (the numbers are small: a handful of voters and slots).
 */
export interface QuorumRule {
  required: number;
  /** Group name -> approvals needed from its members. */
  groups: Readonly<Record<string, number>>;
}

export interface QuorumApproval {
  /** "<platform>:<id>": distinct people, not distinct clicks. */
  voter: string;
  name: string;
  /** The groups of the rule this person belongs to. */
  groups: readonly string[];
}

export interface QuorumTally {
  met: boolean;
  required: number;
  /** Distinct approvers so far. */
  approvals: number;
  /** Approvals that count toward the quorum (a person outside every group cannot fill a group slot). */
  counted: number;
  /** Groups still short, with how many more each needs. */
  missing: Array<{ group: string; need: number }>;
  /** Which group each approver's approval counts for (null: the free part of the quorum, or not counted). */
  slotOf: Readonly<Record<string, string | null>>;
}

/** The rule of a block's review: `required_approvals` (default 1), raised to the sum of its groups. */
export function quorumRule(review: { required_approvals?: number; approval_groups?: Record<string, number> } | undefined): QuorumRule {
  const groups = review?.approval_groups ?? {};
  const slots = Object.values(groups).reduce((a, b) => a + b, 0);
  return { required: Math.max(review?.required_approvals ?? 1, slots, 1), groups };
}

/** True when one approval decides the gate (the rule every gate had before quorums). */
export const isSingleApproval = (rule: QuorumRule): boolean => rule.required === 1 && Object.keys(rule.groups).length === 0;

/** Counts distinct approvers against the rule. */
export function tallyQuorum(rule: QuorumRule, approvals: readonly QuorumApproval[]): QuorumTally {
  const distinct = [...new Map(approvals.map((a) => [a.voter, a])).values()];
  const slots = Object.entries(rule.groups).flatMap(([group, need]) => Array.from({ length: need }, () => group));
  const holder: Array<string | null> = slots.map(() => null);
  const byVoter = new Map(distinct.map((a) => [a.voter, a]));

  const tryAssign = (voter: string, seen: Set<number>): boolean => {
    const groups = byVoter.get(voter)!.groups;
    for (let i = 0; i < slots.length; i++) {
      if (seen.has(i) || !groups.includes(slots[i]!)) continue;
      seen.add(i);
      if (holder[i] === null || tryAssign(holder[i]!, seen)) {
        holder[i] = voter;
        return true;
      }
    }
    return false;
  };
  for (const a of distinct) tryAssign(a.voter, new Set());

  const matched = holder.filter((h) => h !== null).length;
  const free = rule.required - slots.length;
  const unmatched = distinct.length - matched;
  const counted = matched + Math.min(unmatched, free);
  const missing = Object.keys(rule.groups).flatMap((group) => {
    const need = slots.filter((s, i) => s === group && holder[i] === null).length;
    return need > 0 ? [{ group, need }] : [];
  });
  const slotOf: Record<string, string | null> = Object.fromEntries(distinct.map((a) => [a.voter, null]));
  holder.forEach((voter, i) => {
    if (voter) slotOf[voter] = slots[i]!;
  });
  return { met: counted >= rule.required && missing.length === 0, required: rule.required, approvals: distinct.length, counted, missing, slotOf };
}

/**
 * Whether one more approval by `next` moves the quorum on. A person who can fill no missing group
 * slot, when only group slots are left, would add a vote that counts for nothing: the caller says so
 * instead of recording it.
 */
export function approvalWouldCount(rule: QuorumRule, approvals: readonly QuorumApproval[], next: QuorumApproval): boolean {
  return tallyQuorum(rule, [...approvals, next]).counted > tallyQuorum(rule, approvals).counted;
}
