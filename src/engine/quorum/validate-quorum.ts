import type { Template } from '../../schema/template';
import { quorumRule } from './tally-quorum';

/** Who may approve, as config knows it: named groups and roles, each a list of principals. */
export interface ApproverDirectory {
  groups?: Readonly<Record<string, readonly string[]>>;
  roles?: Readonly<Partial<Record<string, readonly string[]>>>;
}

export interface QuorumIssue {
  path: string;
  /** The same path as segments ("blocks", 0, "review", …), for the template validator. */
  segments: Array<string | number>;
  message: string;
}

const USER = /^(discord|slack|console):user:/;
const DECIDING_ROLES = ['reviewer', 'admin', 'owner'];

/** The people a list of principals and role names stands for, or null when it cannot be counted (a platform role, "*", an unconfigured role). */
function countable(entries: readonly string[], directory: ApproverDirectory): Set<string> | null {
  const people = new Set<string>();
  for (const entry of entries) {
    if (USER.test(entry)) {
      people.add(entry);
      continue;
    }
    const members = directory.groups?.[entry] ?? directory.roles?.[entry];
    if (!members) return null;
    for (const m of members) {
      if (!USER.test(m)) return null;
      people.add(m);
    }
  }
  return people;
}

/**
 * Refuses a quorum that can never be met: a group the config does not define, or more approvals
 * than there are people who may give them (counted where config names them one by one; a platform
 * role or "*" may hold anyone, so it is not counted). Pure; paths point into the template.
 */
export function validateQuorum(template: Pick<Template, 'blocks'>, directory: ApproverDirectory): QuorumIssue[] {
  const issues: QuorumIssue[] = [];
  template.blocks.forEach((block, i) => {
    const review = block.review;
    if (!review || (review.required_approvals === undefined && !review.approval_groups)) return;
    const path = `$.blocks[${i}].review`;
    const at = (...rest: string[]) => ({ path: [path, ...rest].join('.'), segments: ['blocks', i, 'review', ...rest] });
    const rule = quorumRule(review);
    const slots = Object.values(rule.groups).reduce((a, b) => a + b, 0);
    if (review.required_approvals !== undefined && review.required_approvals < slots) {
      issues.push({ ...at('required_approvals'), message: `asks for ${review.required_approvals} approvals but approval_groups alone need ${slots}` });
    }
    for (const [group, need] of Object.entries(rule.groups)) {
      const members = directory.groups?.[group] ?? directory.roles?.[group];
      if (!members) {
        issues.push({ ...at('approval_groups', group), message: `"${group}" is neither a group nor a role in factory.config.json (groups.${group})` });
        continue;
      }
      const people = countable([group], directory);
      if (people && people.size < need) {
        issues.push({ ...at('approval_groups', group), message: `needs ${need} approvals from ${group}, which has only ${people.size} member${people.size === 1 ? '' : 's'}` });
      }
    }
    const eligible = countable(review.approvers?.length ? review.approvers : DECIDING_ROLES, directory);
    if (eligible && eligible.size < rule.required) {
      issues.push({ ...at('required_approvals'), message: `needs ${rule.required} distinct approvers but only ${eligible.size} may approve this gate` });
    }
  });
  return issues;
}
