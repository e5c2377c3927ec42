import { z } from 'zod';
import { defineRoute, type AnyApiRoute } from '../define-route';
import { buildOpenApi } from '../openapi';

export const API_VERSION = '1.0.0';

/** `GET /v1/openapi.json`, public: the document of the routes it is given (built once, on first request). */
export function openApiRoute(routes: () => readonly AnyApiRoute[]) {
  let cached: Record<string, unknown> | undefined;
  return defineRoute({
    method: 'GET',
    path: '/v1/openapi.json',
    operationId: 'getOpenApi',
    summary: 'This API as an OpenAPI 3.1 document',
    tag: 'meta',
    auth: 'none',
    query: z.strictObject({}),
    response: { status: 200, description: 'The OpenAPI document', schema: z.record(z.string(), z.unknown()) },
    async handler({ deps }) {
      // Without a public URL, "/": clients resolve it against where they fetched this document.
      cached ??= buildOpenApi(routes(), { serverUrl: deps.publicBaseUrl ?? '/', version: API_VERSION });
      return { body: cached };
    },
  });
}
