import { z } from 'zod';
import { MAX_SKEW_SECONDS, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignedRequest } from '../../executors/webhook-signature';
import { startHookedRun } from '../../runner/start-hooked-run';
import { defineRoute } from '../define-route';
import { limit, readJson } from '../handle-api-request';
import { ApiProblem, validationProblem } from '../problem';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,200}$/;

/**
 * `POST /v1/hooks/{template}`: a signed delivery starts a run of a template whose trigger is
 * `webhook`. Authenticated by HMAC-SHA256 over `<timestamp>.<body>` (the scheme of webhook blocks'
 * callbacks), stale timestamps refused; `Idempotency-Key` makes a retried delivery start one run.
 */
export const hookRoute = defineRoute({
  method: 'POST',
  path: '/v1/hooks/{template}',
  operationId: 'triggerTemplate',
  summary: `Start a run from a signed webhook delivery (headers ${TIMESTAMP_HEADER}, ${SIGNATURE_HEADER}: v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>, Idempotency-Key)`,
  tag: 'hooks',
  auth: 'signature',
  params: z.strictObject({ template: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a template id is kebab-case') }),
  response: {
    status: 201,
    description: 'The run this delivery started (200 with duplicate: true when the key was seen before)',
    schema: z.object({ run_id: z.string(), template: z.string(), duplicate: z.boolean() }),
  },
  problems: [404, 503],
  async handler({ params, req, now, deps }) {
    if (!deps.hookSecret) throw new ApiProblem(503, 'not_configured', 'Inbound webhook triggers are off: set FACTORY_HOOK_SECRET.');
    const verified = verifySignedRequest(deps.hookSecret, req.rawBody, req.headers, now, MAX_SKEW_SECONDS);
    if (!verified.ok) throw new ApiProblem(401, 'bad_signature', `The delivery is not authentic: ${verified.error}.`);
    limit(deps, `hook:${params.template}`, now);
    const key = req.headers['idempotency-key'];
    if (!key || !IDEMPOTENCY_KEY.test(key)) throw new ApiProblem(400, 'idempotency_key_required', 'Send an Idempotency-Key header (1-200 letters, digits, ".", "_", ":" or "-"), the same on every retry of a delivery.');
    const template = deps.ctx.catalog.get(params.template);
    if (template.trigger?.type !== 'webhook') throw new ApiProblem(404, 'no_webhook_trigger', `Template "${template.id}" has no webhook trigger; add "trigger": { "type": "webhook" } to start it this way.`);
    const body = z.record(z.string(), z.unknown()).safeParse(readJson(req));
    if (!body.success) throw validationProblem('body', body.error);
    const { run, duplicate } = await startHookedRun(deps.ctx, { template, key, body: body.data }, now);
    return { status: duplicate ? 200 : 201, body: { run_id: run.id, template: template.id, duplicate }, headers: { location: `/v1/runs/${run.id}` } };
  },
});
