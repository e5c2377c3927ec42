/**
 * An error meant for the person who caused it. Its message is shown as written (ephemeral in chat);
 * its code is stable, for tests and logs. Every other error is logged and shown only as a reference.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    readonly code: UserErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export type UserErrorCode =
  | 'invalid_template'
  | 'unknown_template'
  | 'invalid_params'
  | 'invalid_arguments'
  | 'unknown_run'
  | 'unknown_gate'
  | 'unknown_block'
  | 'unknown_webhook'
  | 'run_not_active'
  | 'gate_already_decided'
  | 'gate_not_pending'
  | 'block_not_retryable'
  | 'forbidden'
  | 'not_configured'
  | 'confirmation_required';

export function isUserError(err: unknown): err is UserError {
  return err instanceof UserError;
}
