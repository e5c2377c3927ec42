/**
 * Table types for kysely, as the migrations create them. Conventions:
 * - ids are `bigint generated always as identity`, read as strings on both dialects (pg returns
 *   int8 as text; the PGlite instance is configured to do the same) and never inserted;
 * - jsonb is read as parsed JSON (`unknown`, parsed with zod by the mappers) and written as JSON
 *   text, because node-postgres turns JS arrays into PostgreSQL arrays, not JSON;
 * - numeric and bigint counters are read as strings and converted by the mappers.
 */
import type { ColumnType, Kysely, Transaction } from 'kysely';

type Id = ColumnType<string, never, never>;
type Json = ColumnType<unknown, string, string>;
type NullableJson = ColumnType<unknown, string | null | undefined, string | null>;
type Counter = ColumnType<string, string | number | undefined, string | number>;
type WithDefault<T> = ColumnType<T, T | undefined, T>;

export interface RunsTable {
  id: Id;
  template_id: string;
  template_version: string | null;
  template: Json;
  name: string;
  status: string;
  params: Json;
  autonomy: Json;
  simulate: boolean;
  seed: string;
  created_by: Json;
  origin: NullableJson;
  created_at: Date;
  updated_at: Date;
  ended_at: Date | null;
  end_reason: string | null;
  priority: WithDefault<string>;
}

export interface BlockRunsTable {
  id: Id;
  run_id: string;
  block_id: string;
  status: string;
  attempts: WithDefault<number>;
  retries: WithDefault<number>;
  reworks: WithDefault<number>;
  clarifications: WithDefault<number>;
  repairs: WithDefault<number>;
  clarification_hops: WithDefault<number>;
  metered_attempts: WithDefault<number>;
  last_model: string | null;
  last_fallback_from: string | null;
  feedback_kind: string | null;
  outcome: NullableJson;
  feedback: string | null;
  score: number | null;
  error: string | null;
  lease_owner: string | null;
  lease_expires_at: Date | null;
  started_at: Date | null;
  ended_at: Date | null;
  input_tokens: Counter;
  output_tokens: Counter;
  cost_usd: Counter;
  parallel_group: string | null;
}

export interface BlockAttemptsTable {
  id: Id;
  block_run_id: string;
  attempt: number;
  worker: string;
  started_at: Date;
  ended_at: Date | null;
  status: string;
  outcome: NullableJson;
  usage: NullableJson;
}

export interface GatesTable {
  id: Id;
  run_id: string;
  block_id: string;
  position: string;
  kind: string;
  attempt: number;
  status: string;
  mode: string;
  question: string | null;
  priority: WithDefault<string>;
  opened_at: Date;
  deadline_at: Date | null;
  decided_at: Date | null;
  decided_by: NullableJson;
  decided_via: string | null;
  reason: string | null;
  settled: WithDefault<boolean>;
  claimed_by: NullableJson;
  claimed_at: Date | null;
  snoozed_until: Date | null;
  escalation_level: WithDefault<number>;
  next_escalation_at: Date | null;
  budget_limit: NullableJson;
  target: string | null;
  /** Who the gate is assigned to (an Actor, set by reassign or a manual escalation); reminders follow it. */
  assignee: NullableJson;
  assigned_at: Date | null;
  /** The conditions the approval carried (a string array), once approved with conditions. */
  conditions: NullableJson;
}

export interface GateVotesTable {
  id: Id;
  gate_id: string;
  /** "<platform>:<user id>". */
  voter: string;
  actor: Json;
  vote: string;
  note: string | null;
  conditions: ColumnType<unknown, string | undefined, string>;
  via: string;
  voted_at: Date;
}

export interface PeopleAwayTable {
  principal: string;
  until: Date;
  delegate: Json;
  set_at: Date;
}

export interface BulkApprovalsTable {
  id: Id;
  actor: Json;
  gate_ids: Json;
  note: string | null;
  created_at: Date;
  used_at: Date | null;
}

export interface EscalationStepsTable {
  id: Id;
  gate_id: string;
  step_key: string;
  level: number;
  action: string;
  due_at: Date;
  fired_at: Date;
}

export interface ArtifactsTable {
  id: Id;
  run_id: string;
  block_id: string;
  attempt: number;
  key: string;
  format: string;
  content: string | null;
  location: string | null;
  size_bytes: ColumnType<string | null, number | null, number | null>;
  checksum: string | null;
  created_at: Date;
}

export interface AuditLogTable {
  id: Id;
  at: Date;
  run_id: string | null;
  gate_id: string | null;
  actor_type: string;
  actor_id: string;
  actor_name: string;
  platform: string;
  action: string;
  entity_type: string;
  entity_id: string;
  changes: NullableJson;
  metadata: NullableJson;
}

export interface OutboxTable {
  id: Id;
  dedupe_key: string;
  kind: string;
  subject: string;
  platform: string | null;
  target: NullableJson;
  payload: Json;
  status: string;
  attempts: WithDefault<number>;
  next_attempt_at: Date;
  last_error: string | null;
  locked_by: string | null;
  locked_until: Date | null;
  created_at: Date;
  sent_at: Date | null;
}

export interface MessageRefsTable {
  id: Id;
  subject: string;
  platform: string;
  channel_id: string;
  message_id: string;
  thread_id: string | null;
  outbox_id: string | null;
  created_at: Date;
}

export interface RunChannelsTable {
  id: Id;
  run_id: string;
  platform: string;
  channel_id: string;
  thread_id: string | null;
  status_message_id: string | null;
}

export interface SchedulesTable {
  template_id: string;
  cron: string;
  timezone: string | null;
  paused: WithDefault<boolean>;
  next_fire_at: Date | null;
  last_fired_at: Date | null;
}

export interface ScheduleFiresTable {
  id: Id;
  template_id: string;
  fire_at: Date;
  run_id: string | null;
  created_at: Date;
}

/** Pending gates per slot (gate id % 16), kept by a trigger on gates (migration 0006); the gauge sums them. */
export interface GateCountsTable {
  slot: number;
  pending: string;
}

export interface EventsTable {
  id: Id;
  type: string;
  at: Date;
  run_id: string | null;
  gate_id: string | null;
  data: Json;
}

export interface WebhookSubscriptionsTable {
  id: Id;
  url: string;
  events: Json;
  secret: string;
  description: string | null;
  created_by: Json;
  created_at: Date;
  cursor: Counter;
  removed_at: Date | null;
}

export interface ApiTokensTable {
  id: Id;
  name: string;
  role: string;
  agent: WithDefault<boolean>;
  scopes: Json;
  token_hash: string;
  prefix: string;
  created_by: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface HookDeliveriesTable {
  id: Id;
  template_id: string;
  idempotency_key: string;
  run_id: string | null;
  created_at: Date;
}

export interface WebSecretsTable {
  name: string;
  value: string;
  created_at: Date;
}

export interface DB {
  runs: RunsTable;
  block_runs: BlockRunsTable;
  block_attempts: BlockAttemptsTable;
  gates: GatesTable;
  gate_votes: GateVotesTable;
  people_away: PeopleAwayTable;
  bulk_approvals: BulkApprovalsTable;
  escalation_steps: EscalationStepsTable;
  artifacts: ArtifactsTable;
  audit_log: AuditLogTable;
  outbox: OutboxTable;
  message_refs: MessageRefsTable;
  run_channels: RunChannelsTable;
  schedules: SchedulesTable;
  schedule_fires: ScheduleFiresTable;
  gate_counts: GateCountsTable;
  events: EventsTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  api_tokens: ApiTokensTable;
  hook_deliveries: HookDeliveriesTable;
  web_secrets: WebSecretsTable;
}

/** What every repository function takes first: the database or an open transaction. */
export type Queryable = Kysely<DB> | Transaction<DB>;
