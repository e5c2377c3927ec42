import type { Actor } from '../domain/actor';
import { UserError } from '../domain/errors';
import type { RunRecord } from '../domain/records';
import { resolveParams } from '../schema/resolve-params';
import type { Template } from '../schema/template';
import { claimHookDelivery, setHookDeliveryRun } from '../store/hook-deliveries.store';
import { getRun } from '../store/runs.store';
import { transaction } from '../store/transaction';
import { startRun } from './run-operations';
import type { ServiceContext } from './service-context';

/** Who starts a run from a signed webhook delivery: the hook itself, authenticated by its HMAC. */
export const hookActor = (templateId: string): Actor => ({ type: 'system', platform: 'api', id: `hook:${templateId}`, name: `webhook ${templateId}` });

/** Reads a dotted path ("pull_request.title") from a JSON body. */
function pick(body: unknown, path: string): unknown {
  let value: unknown = body;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** The template's params, taken from the body through `trigger.map` (or same-named top-level keys). */
export function paramsFromBody(template: Template, body: Record<string, unknown>): Record<string, string | number | boolean> {
  const map = template.trigger?.type === 'webhook' ? template.trigger.map : {};
  const out: Record<string, string | number | boolean> = {};
  for (const name of Object.keys(template.params)) {
    const value = pick(body, map[name] ?? name);
    if (value === undefined || value === null) continue;
    if (typeof value === 'object') throw new UserError('invalid_params', `Cannot start ${template.id}: parameter "${name}" (from "${map[name] ?? name}") is an object or a list, not a value.`);
    out[name] = value as string | number | boolean;
  }
  return out;
}

/**
 * Starts a run for one inbound delivery, once per idempotency key: the key, the run, its audit and
 * outbox rows commit together, so a retried or duplicated delivery finds the run instead.
 */
export async function startHookedRun(ctx: ServiceContext, input: { template: Template; key: string; body: Record<string, unknown> }, now: Date): Promise<{ run: RunRecord; duplicate: boolean }> {
  const { template } = input;
  const params = resolveParams(template, paramsFromBody(template, input.body));
  if (!params.ok) throw new UserError('invalid_params', `Cannot start ${template.id}: ${params.problems.map((p) => p.message).join('; ')}.`);
  const outcome = await transaction(ctx.database, async (trx): Promise<{ run: RunRecord } | { run?: undefined; runId: string | null }> => {
    const claimed = await claimHookDelivery(trx, { templateId: template.id, key: input.key, now });
    if (!claimed.first) return { runId: claimed.runId };
    const feed = ctx.notifier.named({ template }, 'feed')[0];
    const { run } = await startRun(
      ctx,
      trx,
      {
        template,
        name: template.name,
        params: params.params,
        autonomy: {},
        simulate: false,
        actor: hookActor(template.id),
        origin: feed ? { platform: feed[0], channelId: feed[1], threadId: null } : null,
        auditMetadata: { trigger: 'webhook', idempotency_key: input.key },
      },
      now,
    );
    await setHookDeliveryRun(trx, claimed.id, run.id);
    return { run };
  });
  if (outcome.run) return { run: outcome.run, duplicate: false };
  const run = outcome.runId ? await getRun(ctx.database.db, outcome.runId) : undefined;
  if (!run) throw new UserError('unknown_run', `Delivery "${input.key}" was accepted before, but its run no longer exists.`);
  return { run, duplicate: true };
}
