import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SubscribeRequestSchema, UnsubscribeRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { FactoryEvent } from '../domain/event-catalog';
import { UserError } from '../domain/errors';
import { PRIORITIES } from '../domain/views';
import type { McpDeps, McpSession } from './mcp-deps';
import { blockerOf, runStateOf, taskOf } from './mcp-views';
import { requireToolScope } from './tool-result';

export const DASHBOARD_URI = 'factory://dashboard/summary';
export const TEMPLATES_URI = 'factory://config/templates';
const RUN_STATE = /^factory:\/\/runs\/(\d{1,18})\/state$/;
export const runStateUri = (runId: string) => `factory://runs/${runId}/state`;

const json = (uri: string, data: unknown) => ({ contents: [{ uri, mimeType: 'application/json', text: JSON.stringify(data, null, 2) }] });

/**
 * Resources, and subscriptions driven by the event log: a subscribed run's state is "updated"
 * when an event of that run commits, the dashboard on any event. Templates load at boot, so their
 * resource never changes while the process runs.
 */
export function registerResources(server: McpServer, deps: McpDeps, session: McpSession): () => void {
  const { service, now } = deps;
  const read = () => requireToolScope(session.principal, 'runs:read');

  server.registerResource(
    'run-state',
    new ResourceTemplate('factory://runs/{id}/state', {
      list: async () => {
        read();
        return { resources: (await service.listActiveRuns(now())).map((r) => ({ uri: runStateUri(r.id), name: `Run #${r.id}: ${r.name}`, mimeType: 'application/json' })) };
      },
    }),
    { title: 'Run state', description: 'One run: status, blocks, pending tasks. Subscribe to be told when it changes.', mimeType: 'application/json' },
    async (uri, vars) => {
      read();
      const runId = String(vars.id ?? '');
      if (!/^\d{1,18}$/.test(runId)) throw new UserError('unknown_run', `There is no run "${runId}".`);
      return json(uri.href, runStateOf(await service.getRun(runId, now())));
    },
  );

  server.registerResource('dashboard-summary', DASHBOARD_URI, { title: 'Dashboard summary', description: 'Active runs, pending tasks, SLA breaches and blockers at a glance.', mimeType: 'application/json' }, async (uri) => {
    read();
    const at = now();
    const [runs, blockers] = await Promise.all([service.listActiveRuns(at), service.blockers(at)]);
    const pending = runs.flatMap((r) => r.pendingGates);
    return json(uri.href, {
      at: at.toISOString(),
      active_runs: runs.length,
      pending_tasks: pending.length,
      sla_breaches: blockers.filter((b) => b.reason === 'sla-breached').length,
      failed_blocks: blockers.filter((b) => b.kind === 'failed-block').length,
      by_priority: Object.fromEntries(PRIORITIES.map((p) => [p, pending.filter((g) => g.priority === p).length])),
      most_urgent: pending.sort((a, b) => (a.deadlineAt?.getTime() ?? Infinity) - (b.deadlineAt?.getTime() ?? Infinity)).slice(0, 5).map(taskOf),
      blockers: blockers.slice(0, 10).map(blockerOf),
    });
  });

  server.registerResource('templates', TEMPLATES_URI, { title: 'Templates', description: 'The pipeline templates this factory can run, with their params.', mimeType: 'application/json' }, async (uri) => {
    read();
    return json(uri.href, await service.listTemplates());
  });

  return registerSubscriptions(server, deps);
}

function registerSubscriptions(server: McpServer, deps: McpDeps): () => void {
  const subscribed = new Set<string>();
  server.server.setRequestHandler(SubscribeRequestSchema, async (req) => {
    subscribed.add(req.params.uri);
    return {};
  });
  server.server.setRequestHandler(UnsubscribeRequestSchema, async (req) => {
    subscribed.delete(req.params.uri);
    return {};
  });
  const touched = (events: readonly FactoryEvent[]): string[] =>
    [...subscribed].filter((uri) => {
      if (uri === DASHBOARD_URI) return events.length > 0;
      const run = RUN_STATE.exec(uri)?.[1];
      return run !== undefined && events.some((e) => e.runId === run);
    });
  return deps.feed.listen((events) => {
    if (!server.isConnected()) return;
    for (const uri of touched(events)) {
      server.server.sendResourceUpdated({ uri }).catch((err: unknown) => deps.log.debug({ err, uri }, 'could not notify an MCP client of a resource change'));
    }
  });
}
