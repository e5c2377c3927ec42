import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { fail, jsonArg, parseArgs, refuse, type MethodResult, type Route } from './route-kit';
import { FAKE_TEAM, type FakeSlackState, type FakeView } from './state';
import { validateView } from './validate-blocks';

const openArgs = z.object({ trigger_id: z.string().optional(), interactivity_pointer: z.string().optional(), view: z.unknown().optional() });
const updateArgs = z.object({ view_id: z.string().optional(), external_id: z.string().optional(), hash: z.string().optional(), view: z.unknown().optional() });
const publishArgs = z.object({ user_id: z.string().min(1), hash: z.string().optional(), view: z.unknown().optional() });

/** The view object Slack echoes back from views.open / update / publish. */
function viewJson(stored: FakeView): Record<string, unknown> {
  return {
    id: stored.id, team_id: FAKE_TEAM.id, state: { values: {} }, hash: stored.hash, previous_view_id: null,
    root_view_id: stored.id, app_id: FAKE_TEAM.appId, app_installed_team_id: FAKE_TEAM.id, bot_id: FAKE_TEAM.botId,
    external_id: stored.externalId ?? '', private_metadata: '', callback_id: '', clear_on_close: false, notify_on_close: false,
    ...stored.view,
  };
}

/** Decodes and validates the `view` argument, or answers Slack's refusal. */
function decodeView(raw: unknown, type: 'modal' | 'home' | 'any'): { ok: true; view: Record<string, unknown> } | { ok: false; result: MethodResult } {
  const decoded = jsonArg(raw);
  if (!decoded.ok) return { ok: false, result: fail('invalid_arguments') };
  const refusal = validateView(decoded.value, type);
  if (refusal) return { ok: false, result: refuse(refusal) };
  return { ok: true, view: decoded.value as Record<string, unknown> };
}

function rehash(state: FakeSlackState, stored: FakeView): void {
  stored.hash = `${Math.floor(state.now() / 1000)}.${randomBytes(4).toString('hex')}`;
}

export const viewRoutes: Record<string, Route> = {
  'views.open': {
    token: 'bot',
    handle(raw, { state }): MethodResult {
      const parsed = parseArgs(openArgs, raw);
      if (!parsed.ok) return parsed.result;
      const triggerId = parsed.args.trigger_id ?? parsed.args.interactivity_pointer;
      if (!triggerId) return fail('invalid_arguments');
      const view = decodeView(parsed.args.view, 'modal');
      if (!view.ok) return view.result;
      const triggerError = state.useTrigger(triggerId);
      if (triggerError) return fail(triggerError);
      return { ok: true, view: viewJson(state.storeView(view.view, { triggerId })) };
    },
  },
  'views.update': {
    token: 'bot',
    handle(raw, { state }): MethodResult {
      const parsed = parseArgs(updateArgs, raw);
      if (!parsed.ok) return parsed.result;
      const { view_id: viewId, external_id: externalId, hash } = parsed.args;
      const stored = viewId ? state.views.get(viewId) : [...state.views.values()].find((v) => externalId && v.externalId === externalId);
      if (!stored) return fail('not_found');
      if (hash !== undefined && hash !== stored.hash) return fail('hash_conflict');
      const view = decodeView(parsed.args.view, 'any');
      if (!view.ok) return view.result;
      stored.view = view.view;
      rehash(state, stored);
      return { ok: true, view: viewJson(stored) };
    },
  },
  'views.publish': {
    token: 'bot',
    handle(raw, { state }): MethodResult {
      const parsed = parseArgs(publishArgs, raw);
      if (!parsed.ok) return parsed.result;
      const view = decodeView(parsed.args.view, 'home');
      if (!view.ok) return view.result;
      const previous = state.homeViews.get(parsed.args.user_id);
      if (previous && parsed.args.hash !== undefined && parsed.args.hash !== previous.hash) return fail('hash_conflict');
      const stored: FakeView = previous ?? { id: state.nextId('V'), hash: '', view: view.view, userId: parsed.args.user_id };
      stored.view = view.view;
      rehash(state, stored);
      state.homeViews.set(parsed.args.user_id, stored);
      return { ok: true, view: viewJson(stored) };
    },
  },
};
