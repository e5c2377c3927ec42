import type { AttemptStatus } from './records';
import type { AuditEntryView, BlockView, GateView, RunView } from './views';

/** One execution of a block, as the run page lists it. */
export interface AttemptView {
  attempt: number;
  status: AttemptStatus;
  startedAt: Date;
  endedAt: Date | null;
  /** The attempt's score against the block's threshold, when it reported one. */
  score: number | null;
  error: string | null;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  model: string | null;
}

/** One version of one artifact (no content). */
export interface ArtifactVersionView {
  blockId: string;
  key: string;
  attempt: number;
  format: string;
  sizeBytes: number | null;
  checksum: string | null;
  location: string | null;
  createdAt: Date;
}

/** A gate of the run, decided or not, as the page shows it. */
export type GateSummaryView = Omit<GateView, 'artifacts' | 'metrics' | 'nextBlocks'>;

/** Where a gate's card sits in chat, for a link back to it. */
export interface ChatCardRef {
  gateId: string;
  platform: string;
  channelId: string;
  messageId: string;
}

export interface BlockDetailsView extends BlockView {
  type: string;
  runtime: string;
  humanGate: 'before' | 'after' | 'none';
  threshold: { metric: string; min: number } | null;
  depends: string[];
  reworks: number;
  retries: number;
  attemptList: AttemptView[];
  artifacts: ArtifactVersionView[];
}

/** Everything the web run page shows: the run, its DAG, attempts, artifacts, gates and audit trail. */
export interface RunDetailsView {
  run: Omit<RunView, 'blocks' | 'pendingGates' | 'creator'>;
  blocks: BlockDetailsView[];
  /** Topological waves of block ids, the first wave without dependencies. */
  waves: string[][];
  criticalPath: string[];
  gates: GateSummaryView[];
  chatCards: ChatCardRef[];
  audit: AuditEntryView[];
  escalations: Array<{ gateId: string; level: number; action: string; dueAt: Date; firedAt: Date }>;
}
