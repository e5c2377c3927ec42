import type { z } from 'zod';
import type { HttpRequest } from '../http/server';
import type { ApiScope } from '../store/api-tokens.store';
import type { ApiDeps } from './api-deps';
import type { ApiPrincipal } from './auth/api-principal';

type AnyObject = z.ZodObject;

/** What a handler gets: the parsed request, the caller and the time. */
export interface ApiCall<P, Q, B, A extends ApiAuth> {
  principal: A extends 'token' ? ApiPrincipal : null;
  params: P;
  query: Q;
  body: B;
  req: HttpRequest;
  now: Date;
  deps: ApiDeps;
}

export interface ApiResult {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** `token`: a bearer API token; `none`: public (the OpenAPI document); `signature`: the route checks an HMAC itself. */
export type ApiAuth = 'token' | 'none' | 'signature';

/**
 * One REST operation, as plain data: the OpenAPI document is generated from these same
 * definitions, so what is documented is what is validated.
 */
export interface ApiRoute<P extends AnyObject = AnyObject, Q extends AnyObject = AnyObject, B extends z.ZodType = z.ZodType, A extends ApiAuth = ApiAuth> {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** With `{name}` segments, e.g. "/v1/runs/{id}". */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  auth: A;
  /** The scope the token needs (auth "token"). */
  scope?: ApiScope;
  params?: P;
  query?: Q;
  body?: B;
  response: { status: number; description: string; schema: z.ZodType };
  /** Problem statuses this operation answers besides the common ones (400, 401, 403, 413, 422, 429). */
  problems?: readonly number[];
  maxBodyBytes?: number;
  handler(call: ApiCall<z.output<P>, z.output<Q>, z.output<B>, A>): Promise<ApiResult>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a registry holds routes of every schema type
export type AnyApiRoute = ApiRoute<any, any, any, any>;

/** Keeps the handler's argument types tied to the route's schemas. */
export function defineRoute<P extends AnyObject, Q extends AnyObject, B extends z.ZodType, A extends ApiAuth>(route: ApiRoute<P, Q, B, A>): ApiRoute<P, Q, B, A> {
  return route;
}
