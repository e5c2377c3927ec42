/**
 * How a send failed, as the delivery loop needs to know it: retry later, or give up now. Adapters
 * throw ChatDeliveryError with `retryable: false` when trying again cannot help (the channel was
 * deleted, the bot lacks permission, the message is gone). Anything else is treated as passing
 * trouble (timeouts, 5xx, rate limits) and retried with backoff until the attempts run out.
 */
export class ChatDeliveryError extends Error {
  override readonly name = 'ChatDeliveryError';
  readonly retryable: boolean;

  constructor(message: string, opts: { retryable: boolean; cause?: unknown }) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.retryable = opts.retryable;
  }
}

/** A failure in words for last_error and the logs, and whether another try may succeed. */
export interface FailureDescription {
  error: string;
  retryable: boolean;
}

/**
 * Reads any thrown value. Duck-typed on `retryable === false` as well, so an adapter can mark a
 * permanent failure on its own error class without importing this one.
 */
export function describeFailure(err: unknown): FailureDescription {
  if (err instanceof Error) {
    const retryable = (err as { retryable?: unknown }).retryable !== false;
    return { error: err.message || err.name, retryable };
  }
  return { error: String(err), retryable: true };
}

/**
 * Resolves with `promise`, or rejects (retryable) after `ms`. A send that hangs past the claim's
 * lock would be taken over and repeated by another sender anyway; failing it here keeps this
 * loop moving and lets `stop()` finish. The hung call itself cannot be cancelled through the port.
 */
export async function withSendTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ChatDeliveryError(`${what} did not answer within ${Math.round(ms / 1000)} s`, { retryable: true })), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
