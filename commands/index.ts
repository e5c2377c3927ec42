import { approveCommand } from './approve';
import { auditCommand } from './audit';
import { autonomyCommand } from './autonomy';
import { awayCommand } from './away';
import { blockersCommand } from './blockers';
import { cancelCommand } from './cancel';
import { claimCommand } from './claim';
import { escalateCommand } from './escalate';
import { helpCommand } from './help';
import { pendingCommand } from './pending';
import { priorityCommand } from './priority';
import { reassignCommand } from './reassign';
import { rejectCommand } from './reject';
import { retryCommand } from './retry';
import { runCommand } from './run';
import { schedulesCommand } from './schedules';
import { statusCommand } from './status';
import { templatesCommand } from './templates';
import { tokensCommand } from './tokens';
import type { AnyCommand } from './types';

/** Every /factory subcommand, in the order help lists them. An explicit list, never a folder scan. */
export const COMMANDS: readonly AnyCommand[] = [
  statusCommand,
  blockersCommand,
  pendingCommand,
  runCommand,
  approveCommand,
  rejectCommand,
  claimCommand,
  reassignCommand,
  escalateCommand,
  awayCommand,
  retryCommand,
  cancelCommand,
  autonomyCommand,
  priorityCommand,
  templatesCommand,
  schedulesCommand,
  auditCommand,
  tokensCommand,
  helpCommand,
];
