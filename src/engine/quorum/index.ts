/** Quorum gates: how approvals count, and which quorums can never be met. */
export { approvalWouldCount, isSingleApproval, quorumRule, tallyQuorum } from './tally-quorum';
export type { QuorumApproval, QuorumRule, QuorumTally } from './tally-quorum';
export { validateQuorum } from './validate-quorum';
export type { ApproverDirectory, QuorumIssue } from './validate-quorum';
