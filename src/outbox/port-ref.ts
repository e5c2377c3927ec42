import type { MessageRef } from '../domain/chat-adapter';

/**
 * The port's MessageRef out of anything that extends it (the store's MessageRefRecord carries row
 * ids, the subject and the outbox id): adapters see only what the port promises.
 */
export function toPortRef(ref: MessageRef): MessageRef {
  return { platform: ref.platform, channelId: ref.channelId, messageId: ref.messageId, threadId: ref.threadId ?? null };
}
