import type { MessageRef } from '../../src/domain/chat-adapter';
import type { PrintedMessage } from './console-screen';

/**
 * Ids for the cards the console prints. Message refs outlive the process (the outbox edits
 * yesterday's gate card today), so an id carries the session it was printed in ("<tag>.<n>"):
 * card #3 of an earlier session is not this session's #3, and is named as such.
 */
export class ConsoleMessageIds {
  private last = 0;

  constructor(private readonly sessionTag: string) {}

  /** A new message in this session: #1, #2, … */
  next(): MessageRef {
    this.last += 1;
    return { platform: 'console', channelId: 'console', messageId: `${this.sessionTag}.${this.last}` };
  }

  /** How the person sees a message named: "#3" for this session's, otherwise by its age. */
  describe(ref: MessageRef): PrintedMessage {
    const [tag, n] = ref.messageId.split('.');
    return { id: ref.messageId, label: tag === this.sessionTag && n ? `#${n}` : 'a card from an earlier session' };
  }
}
