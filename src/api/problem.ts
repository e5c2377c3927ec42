import type { z } from 'zod';
import { isUserError, type UserErrorCode } from '../domain/errors';
import type { HttpResponse } from '../http/server';

/** One field that failed validation: where it is (`body`, `query`, `path`), its zod path, and why. */
export interface FieldProblem {
  in: 'body' | 'query' | 'path' | 'header';
  /** The zod path, dotted ("conditions.0"); empty for the whole document. */
  path: string;
  /** The same as an RFC 6901 JSON pointer into that part of the request ("/conditions/0"). */
  pointer: string;
  detail: string;
}

/**
 * An HTTP error for a client: RFC 9457 problem details. Its `detail` is a sentence written for the
 * caller (like a UserError's message); internal errors never become one.
 */
export class ApiProblem extends Error {
  override readonly name = 'ApiProblem';
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
};

const USER_ERROR_STATUS: Record<UserErrorCode, number> = {
  invalid_template: 422,
  unknown_template: 404,
  invalid_params: 422,
  invalid_arguments: 422,
  unknown_run: 404,
  unknown_gate: 404,
  unknown_block: 404,
  unknown_webhook: 404,
  run_not_active: 409,
  gate_already_decided: 409,
  gate_not_pending: 409,
  block_not_retryable: 409,
  forbidden: 403,
  not_configured: 503,
  confirmation_required: 409,
};

/** The problem type URI of a code; a URN, since these types are not (yet) documents on the web. */
export const problemType = (code: string): string => `urn:process-factory:problem:${code}`;

export function problemResponse(problem: ApiProblem, instance?: string): HttpResponse {
  return {
    status: problem.status,
    headers: { 'content-type': 'application/problem+json', ...problem.headers },
    body: {
      type: problemType(problem.code),
      title: TITLES[problem.status] ?? 'Error',
      status: problem.status,
      detail: problem.detail,
      ...(instance ? { instance } : {}),
      code: problem.code,
      ...problem.extensions,
    },
  };
}

/** A zod failure as a 422 (or 400 for path and query) with every field's path. */
export function validationProblem(where: FieldProblem['in'], error: z.ZodError): ApiProblem {
  const errors: FieldProblem[] = error.issues.map((issue) => ({
    in: where,
    path: issue.path.map(String).join('.'),
    pointer: issue.path.length ? `/${issue.path.map((p) => String(p).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}` : '',
    detail: issue.message,
  }));
  const first = errors[0]!;
  const what = first.path ? `${where} field "${first.path}"` : `the ${where}`;
  return new ApiProblem(where === 'body' ? 422 : 400, 'invalid_request', `Invalid ${what}: ${first.detail}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}.`, { errors });
}

/** A service error as a problem: UserErrors keep their sentence; anything else is only a reference. */
export function toApiProblem(error: unknown, reference: string): ApiProblem {
  if (error instanceof ApiProblem) return error;
  if (isUserError(error)) return new ApiProblem(USER_ERROR_STATUS[error.code] ?? 400, error.code, error.message);
  return new ApiProblem(500, 'internal_error', `Something went wrong (ref ${reference}).`, { reference });
}
