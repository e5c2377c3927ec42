import { z } from 'zod';

/**
 * Where a form was opened from, carried in the modal's `private_metadata` so the answer can go
 * back to the right channel. It is context for the reply only; the decision itself loads the gate
 * from the database (state never rides in a button or a form).
 */
export interface ModalContext {
  channelId?: string;
  /** The message whose button opened the form. */
  messageTs?: string;
  threadTs?: string;
}

const contextSchema = z.object({
  v: z.literal(1),
  c: z.string().max(64).optional(),
  m: z.string().max(64).optional(),
  t: z.string().max(64).optional(),
});

/** Short keys: private_metadata holds at most 3000 characters. */
export function encodeModalContext(context: ModalContext): string {
  return JSON.stringify({ v: 1, c: context.channelId, m: context.messageTs, t: context.threadTs });
}

/** Reads private_metadata back; anything unreadable (an old or foreign form) is no context at all. */
export function decodeModalContext(text: string | undefined): ModalContext {
  if (!text) return {};
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return {};
  }
  const parsed = contextSchema.safeParse(json);
  if (!parsed.success) return {};
  const { c, m, t } = parsed.data;
  return { ...(c ? { channelId: c } : {}), ...(m ? { messageTs: m } : {}), ...(t ? { threadTs: t } : {}) };
}
