/** The store's public surface: the only module that knows SQL. Import from here, not from files. */
export { openDatabase, type Database, type OpenDatabaseOptions } from './database';
export { DatabaseOpenError, type DatabaseOpenErrorCode } from './open-errors';
export { migrateToLatest, listMigrations, type MigrationStatus } from './migrate';
export { transaction, afterCommit, wakeAfterCommit } from './transaction';
export { WAKE_TOPICS, type WakeTopic, type WakeChannel } from './wake-channel';
export { tryAdvisoryXactLock } from './advisory-lock';
export type { DB, Queryable } from './db-schema';

export * from './runs.store';
export * from './run-snapshot.store';
export * from './blocks.store';
export * from './block-transitions.store';
export * from './block-claims.store';
export * from './block-attempts.store';
export * from './gates.store';
export * from './gate-decisions.store';
export * from './gate-tasks.store';
export * from './apply-engine-action.store';
export * from './artifacts.store';
export * from './audit.store';
export * from './outbox.store';
export * from './outbox-delivery.store';
export * from './message-refs.store';
export * from './escalation-steps.store';
export * from './schedules.store';
export * from './run-channels.store';
export * from './outbox-ordering.store';
export * from './api-tokens.store';
