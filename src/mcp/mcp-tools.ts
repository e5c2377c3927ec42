import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { UserError } from '../domain/errors';
import { PRIORITIES } from '../domain/views';
import type { McpDeps, McpSession } from './mcp-deps';
import { blockerOf, runStateOf, taskOf } from './mcp-views';
import { requireToolScope, runTool, toolResult } from './tool-result';

const id = (what: string) => z.string().regex(/^\d{1,18}$/, `must be a ${what} id (digits)`);
const ORIGIN = { platform: 'mcp' as const, channelId: 'mcp' };

/**
 * The tools: each one calls the run service with the token's actor, so an MCP client is refused
 * exactly what the same principal would be refused in chat or REST (roles, named approvers, an
 * agent approving its own run), and every change lands in the same audit log.
 */
export function registerTools(server: McpServer, deps: McpDeps, session: McpSession): void {
  const { service, log, now } = deps;
  const { principal } = session;
  const actor = principal.actor;

  server.registerTool(
    'factory_get_pending_tasks',
    {
      title: 'Pending tasks',
      description: 'Gates waiting on a decision that this token may make (or has claimed), most urgent first.',
      inputSchema: { pipeline_id: id('run').optional(), priority: z.enum(PRIORITIES).optional(), assignee: z.enum(['me', 'any']).optional(), limit: z.number().int().min(1).max(100).optional() },
      annotations: { readOnlyHint: true },
    },
    (args) =>
      runTool(log, 'factory_get_pending_tasks', async () => {
        requireToolScope(principal, 'runs:read');
        let gates = await service.pendingFor(actor, now());
        if (args.pipeline_id) gates = gates.filter((g) => g.runId === args.pipeline_id);
        if (args.priority) gates = gates.filter((g) => g.priority === args.priority);
        // By id, never by display name: two people may share one name.
        if (args.assignee === 'me') gates = gates.filter((g) => g.claimedBy?.id === actor.id || g.assignee?.id === actor.id);
        gates.sort((a, b) => (a.deadlineAt?.getTime() ?? Infinity) - (b.deadlineAt?.getTime() ?? Infinity) || PRIORITIES.indexOf(a.priority) - PRIORITIES.indexOf(b.priority));
        const tasks = gates.slice(0, args.limit ?? 20).map(taskOf);
        return toolResult(tasks.length ? `${tasks.length} task(s) wait on a decision.` : 'Nothing waits on a decision you may make.', tasks);
      }),
  );

  server.registerTool(
    'factory_approve_task',
    {
      title: 'Approve a task',
      description: 'Approves a pending gate, as its Approve button would. Notes and conditions go to the audit log.',
      inputSchema: { task_id: id('task'), notes: z.string().max(2000).optional(), conditions: z.array(z.string().max(500)).max(20).optional() },
      annotations: { destructiveHint: false, idempotentHint: true },
    },
    (args) =>
      runTool(log, 'factory_approve_task', async () => {
        requireToolScope(principal, 'gates:decide');
        const note = [args.notes?.trim(), ...(args.conditions ?? []).map((c) => `condition: ${c}`)].filter(Boolean).join('\n') || undefined;
        const result = await service.decideGate({ gateId: args.task_id, decision: 'approve', reason: note, actor, via: 'api', confirmed: true }, now());
        const task = taskOf(result.gate);
        if (result.outcome === 'already-decided') return toolResult(`Gate #${task.task_id} was already decided (${task.status}${task.decided_by ? ` by ${task.decided_by}` : ''}).`, task);
        return toolResult(`Approved gate #${task.task_id} (${task.block} of ${task.run}).`, task);
      }),
  );

  server.registerTool(
    'factory_reject_task',
    {
      title: 'Reject a task',
      description: 'Rejects a pending gate with a reason; an after-gate sends its block back for rework with that feedback.',
      inputSchema: {
        task_id: id('task'),
        reason: z.string().min(1).max(2000),
        requested_changes: z.array(z.string().max(500)).max(20).optional(),
        severity: z.enum(['minor', 'major', 'critical']).optional(),
      },
      annotations: { destructiveHint: true },
    },
    (args) =>
      runTool(log, 'factory_reject_task', async () => {
        requireToolScope(principal, 'gates:decide');
        const reason = [
          args.severity ? `[${args.severity}] ${args.reason.trim()}` : args.reason.trim(),
          ...(args.requested_changes ?? []).map((c) => `- ${c}`),
        ].join('\n');
        const result = await service.decideGate({ gateId: args.task_id, decision: 'reject', reason, actor, via: 'api', confirmed: true }, now());
        const task = taskOf(result.gate);
        if (result.outcome === 'already-decided') return toolResult(`Gate #${task.task_id} was already decided (${task.status}).`, task);
        return toolResult(`Rejected gate #${task.task_id} (${task.block} of ${task.run}).`, task);
      }),
  );

  server.registerTool(
    'factory_claim_task',
    {
      title: 'Claim a task',
      description: '"I am on it": claims a pending gate so reminders stop going to everyone.',
      inputSchema: { task_id: id('task') },
    },
    (args) =>
      runTool(log, 'factory_claim_task', async () => {
        requireToolScope(principal, 'gates:decide');
        const gate = await service.claimGate(args.task_id, actor, now());
        return toolResult(`Claimed gate #${gate.id} (${gate.blockName} of ${gate.runName}).`, taskOf(gate));
      }),
  );

  server.registerTool(
    'factory_get_pipeline_status',
    {
      title: 'Pipeline status',
      description: 'One run in detail (blocks, pending tasks), or every active run when no pipeline_id is given.',
      inputSchema: { pipeline_id: id('run').optional(), include_details: z.boolean().optional() },
      annotations: { readOnlyHint: true },
    },
    (args) =>
      runTool(log, 'factory_get_pipeline_status', async () => {
        requireToolScope(principal, 'runs:read');
        if (args.pipeline_id) {
          const run = runStateOf(await service.getRun(args.pipeline_id, now()));
          return toolResult(`Run #${run.run_id} (${run.name}) is ${run.status}.`, run);
        }
        const runs = (await service.listActiveRuns(now())).map(runStateOf);
        const shown = args.include_details ? runs : runs.map(({ blocks: _b, ...rest }) => rest);
        return toolResult(`${runs.length} active run(s).`, shown);
      }),
  );

  server.registerTool(
    'factory_get_blockers',
    {
      title: 'Blockers',
      description: 'What is stuck (SLA breaches, unclaimed gates, failed blocks), each with a suggested next action.',
      inputSchema: { pipeline_id: id('run').optional() },
      annotations: { readOnlyHint: true },
    },
    (args) =>
      runTool(log, 'factory_get_blockers', async () => {
        requireToolScope(principal, 'runs:read');
        const list = (await service.blockers(now())).filter((b) => !args.pipeline_id || b.runId === args.pipeline_id).map(blockerOf);
        return toolResult(list.length ? `${list.length} blocker(s).` : 'Nothing is blocked.', list);
      }),
  );

  server.registerTool(
    'factory_create_pipeline',
    {
      title: 'Start a run',
      description: 'Starts a run of a template with its params (validated like /factory run). `simulate` rehearses it with the simulate runtime.',
      inputSchema: { template: z.string().min(1).max(100), params: z.record(z.string(), z.string().max(4000)).optional(), name: z.string().max(100).optional(), simulate: z.boolean().optional() },
    },
    (args) =>
      runTool(log, 'factory_create_pipeline', async () => {
        requireToolScope(principal, 'runs:write');
        const run = runStateOf(await service.createRun({ templateId: args.template, name: args.name, params: args.params ?? {}, simulate: args.simulate ?? false, actor, origin: ORIGIN }));
        return toolResult(`Started run #${run.run_id} (${run.name}); it is ${run.status}. Subscribe to factory://runs/${run.run_id}/state to follow it.`, run);
      }),
  );

  server.registerTool(
    'factory_search',
    {
      title: 'Search',
      description: 'Finds templates, active runs and pending tasks whose name, id or block matches the query.',
      inputSchema: { query: z.string().min(1).max(200), limit: z.number().int().min(1).max(50).optional() },
      annotations: { readOnlyHint: true },
    },
    (args) =>
      runTool(log, 'factory_search', async () => {
        requireToolScope(principal, 'runs:read');
        const q = args.query.toLowerCase();
        const hit = (...texts: Array<string | null | undefined>) => texts.some((t) => t?.toLowerCase().includes(q));
        const templates = (await service.listTemplates()).filter((t) => hit(t.id, t.name, t.description)).map((t) => ({ type: 'template', id: t.id, name: t.name }));
        const runs = (await service.listActiveRuns(now())).filter((r) => hit(r.id, r.name, r.templateId, r.templateName)).map((r) => ({ type: 'run', id: r.id, name: r.name, status: r.status }));
        const tasks = (await service.pendingFor(actor, now())).filter((g) => hit(g.id, g.blockName, g.runName, g.question)).map((g) => ({ type: 'task', id: g.id, name: `${g.blockName} (${g.runName})` }));
        const results = [...templates, ...runs, ...tasks].slice(0, args.limit ?? 20);
        if (results.length === 0 && q.length > 100) throw new UserError('invalid_arguments', 'Nothing matches; try a shorter query.');
        return toolResult(`${results.length} match(es) for "${args.query}".`, results);
      }),
  );
}
