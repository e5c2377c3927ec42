import type { CardTone } from '../domain/card';
import type { BlockStatus, GateStatus, RunStatus } from '../domain/statuses';
import type { Priority } from '../domain/views';

/** One symbol per block state, readable at a glance on a phone. */
export const BLOCK_STATUS_SYMBOLS: Record<BlockStatus, string> = {
  pending: '⚪',
  ready: '🔵',
  running: '🔄',
  waiting: '✋',
  done: '✅',
  failed: '❌',
  blocked: '⛔',
  skipped: '⏭️',
  cancelled: '🚫',
};

export const GATE_STATUS_SYMBOLS: Record<GateStatus, string> = {
  pending: '✋',
  approved: '✅',
  rejected: '❌',
  expired: '⌛',
  cancelled: '🚫',
};

export const RUN_STATUS_SYMBOLS: Record<RunStatus, string> = {
  running: '🔄',
  completed: '✅',
  failed: '❌',
  cancelled: '🚫',
};

export const RUN_STATUS_TONES: Record<RunStatus, CardTone> = {
  running: 'info',
  completed: 'success',
  failed: 'danger',
  cancelled: 'neutral',
};

export const PRIORITY_SYMBOLS: Record<Priority, string> = {
  critical: '🔴',
  high: '🟠',
  medium: '🟡',
  low: '⚪',
};

/** Most urgent first: critical 0 ... low 3. */
export const PRIORITY_RANK: Record<Priority, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/** "🟠 high". */
export function describePriority(priority: Priority): string {
  return `${PRIORITY_SYMBOLS[priority]} ${priority}`;
}
