import type { Migration } from 'kysely';
import * as m0001 from './0001_runs_and_blocks';
import * as m0002 from './0002_gates';
import * as m0003 from './0003_artifacts_and_audit';
import * as m0004 from './0004_outbox_and_messages';
import * as m0005 from './0005_schedules';
import * as m0006 from './0006_runner_scale';
import * as m0007 from './0007_api_tokens';
import * as m0008 from './0008_events_and_webhooks';
import * as m0009 from './0009_gate_votes_and_priority';
import * as m0010 from './0010_agent_blocks';
import * as m0013 from './0013_web_secrets';

/**
 * Every migration, by name, in the order they apply (kysely sorts by name). An explicit list, not
 * a folder scan: bundlers and tests see exactly what production runs. Append only; never edit one
 * that has shipped.
 */
export const migrations: Record<string, Migration> = {
  '0001_runs_and_blocks': m0001,
  '0002_gates': m0002,
  '0003_artifacts_and_audit': m0003,
  '0004_outbox_and_messages': m0004,
  '0005_schedules': m0005,
  '0006_runner_scale': m0006,
  '0007_api_tokens': m0007,
  '0008_events_and_webhooks': m0008,
  '0009_gate_votes_and_priority': m0009,
  '0010_agent_blocks': m0010,
  '0013_web_secrets': m0013,
};
