import { APIConnectionError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import { ExecutorError } from '../domain/executor';

/**
 * Failures worth trying the next model for: rate limits (429), overload (529), server errors
 * (5xx), request timeouts (408) and connection failures. Everything else (bad request, auth,
 * not found) would fail the same way on any model.
 */
export function isTransient(err: unknown): boolean {
  if (err instanceof APIUserAbortError) return false;
  if (err instanceof APIConnectionError) return true;
  if (err instanceof APIError && typeof err.status === 'number') return err.status === 408 || err.status === 429 || err.status >= 500;
  return false;
}

/** A short description for logs and the final error, e.g. "529 overloaded_error: Overloaded". */
export function describeApiError(err: unknown): string {
  if (err instanceof APIError) {
    if (err.status === undefined) return err.message;
    return `${err.status}${err.type ? ` ${err.type}` : ''}: ${err.apiMessage ?? err.message}`;
  }
  return err instanceof Error ? err.message : String(err);
}

/** A non-transient API failure as an ExecutorError with a code an operator can act on. */
export function permanentApiError(err: unknown, model: string): ExecutorError {
  const what = describeApiError(err);
  if (err instanceof APIError && (err.status === 401 || err.status === 403)) {
    return new ExecutorError(`Anthropic refused the API key (${what}): check ANTHROPIC_API_KEY`, false, 'not_configured');
  }
  if (err instanceof APIError && err.status === 404) {
    return new ExecutorError(`model ${model} was not found (${what}): fix the block's model or the executor's model map`, false, 'invalid_model');
  }
  return new ExecutorError(`Anthropic API request for ${model} failed: ${what}`, false, 'api_error');
}
