import type { Selectable } from 'kysely';
import type { Platform } from '../domain/statuses';
import type { Queryable, RunChannelsTable } from './db-schema';

/** Where a run lives on one platform: its channel, its thread, and its status card. */
export interface RunChannel {
  runId: string;
  platform: Platform;
  channelId: string;
  threadId: string | null;
  statusMessageId: string | null;
}

/** The one place a run_channels row becomes a RunChannel. */
export function toRunChannel(row: Selectable<RunChannelsTable>): RunChannel {
  return {
    runId: row.run_id,
    platform: row.platform as Platform,
    channelId: row.channel_id,
    threadId: row.thread_id,
    statusMessageId: row.status_message_id,
  };
}

/**
 * Records (or moves) a run's place on a platform. Thread and status message are kept when the
 * new value is not given, so setting the channel never forgets the thread.
 */
export async function upsertRunChannel(
  db: Queryable,
  channel: { runId: string; platform: Platform; channelId: string; threadId?: string | null; statusMessageId?: string | null },
): Promise<RunChannel> {
  const row = await db
    .insertInto('run_channels')
    .values({
      run_id: channel.runId,
      platform: channel.platform,
      channel_id: channel.channelId,
      thread_id: channel.threadId ?? null,
      status_message_id: channel.statusMessageId ?? null,
    })
    .onConflict((oc) =>
      oc.columns(['run_id', 'platform']).doUpdateSet((eb) => ({
        channel_id: eb.ref('excluded.channel_id'),
        thread_id: eb.fn.coalesce('excluded.thread_id', 'run_channels.thread_id'),
        status_message_id: eb.fn.coalesce('excluded.status_message_id', 'run_channels.status_message_id'),
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return toRunChannel(row);
}

export async function listRunChannels(db: Queryable, runId: string): Promise<RunChannel[]> {
  const rows = await db.selectFrom('run_channels').selectAll().where('run_id', '=', runId).orderBy('platform').execute();
  return rows.map(toRunChannel);
}

export async function getRunChannel(db: Queryable, runId: string, platform: Platform): Promise<RunChannel | undefined> {
  const row = await db.selectFrom('run_channels').selectAll().where('run_id', '=', runId).where('platform', '=', platform).executeTakeFirst();
  return row && toRunChannel(row);
}
