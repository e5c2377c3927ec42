import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ResourceUpdatedNotificationSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { expect } from 'vitest';
import { eventually } from '../support/factory-harness';

export const TOOLS = [
  'factory_get_pending_tasks',
  'factory_approve_task',
  'factory_reject_task',
  'factory_get_pipeline_status',
  'factory_get_blockers',
  'factory_create_pipeline',
  'factory_claim_task',
  'factory_search',
];

interface Task {
  task_id: string;
  block_id: string;
  attempt: number;
}
interface RunState {
  run_id: string;
  status: string;
  blocks: Array<{ id: string; status: string; attempts: number }>;
  pending_tasks: Task[];
}

/** The JSON part of a tool's text answer (after the summary line). */
export function dataOf<T>(result: CallToolResult): T {
  const text = (result.content[0] as { text: string }).text;
  return JSON.parse(text.slice(text.indexOf('\n\n') + 2)) as T;
}

export function textOf(result: CallToolResult): string {
  return (result.content[0] as { text: string }).text;
}

export async function call(client: Client, name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

/** Collects resources/updated notifications, so a test can wait for the next one of a URI. */
export function watchUpdates(client: Client): { count: (uri: string) => number } {
  const seen: string[] = [];
  client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => void seen.push(n.params.uri));
  return { count: (uri) => seen.filter((u) => u === uri).length };
}

async function readState(client: Client, uri: string): Promise<RunState> {
  const res = await client.readResource({ uri });
  return JSON.parse((res.contents[0] as { text: string }).text) as RunState;
}

/** Waits for a resources/updated notification of `uri`, then for the state to satisfy `check`. */
async function untilNotified<T>(client: Client, updates: { count: (uri: string) => number }, uri: string, after: number, check: (s: RunState) => T | undefined, what: string): Promise<T> {
  await eventually(async () => updates.count(uri) > after, `a resources/updated notification (${what})`, 60_000);
  return eventually(async () => check(await readState(client, uri)), what, 60_000);
}

/**
 * The whole conversation of an agent with the factory, the same over every transport: discover,
 * start the demo, follow its state resource, reject with a reason, watch the rework, approve, see
 * it complete.
 */
export async function driveDemoRun(client: Client): Promise<void> {
  const tools = (await client.listTools()).tools.map((t) => t.name);
  expect(tools).toEqual(expect.arrayContaining(TOOLS));
  const resources = (await client.listResources()).resources.map((r) => r.uri);
  expect(resources).toEqual(expect.arrayContaining(['factory://dashboard/summary', 'factory://config/templates']));
  expect((await client.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate)).toContain('factory://runs/{id}/state');
  expect((await client.listPrompts()).prompts.map((p) => p.name)).toEqual(expect.arrayContaining(['whats_needs_attention', 'review_gate', 'pipeline_retrospective']));
  const templates = JSON.parse(((await client.readResource({ uri: 'factory://config/templates' })).contents[0] as { text: string }).text) as Array<{ id: string }>;
  expect(templates.map((t) => t.id)).toContain('demo');

  const updates = watchUpdates(client);
  const created = await call(client, 'factory_create_pipeline', { template: 'demo', simulate: true });
  expect(created.isError).toBeFalsy();
  const runId = dataOf<RunState>(created).run_id;
  const uri = `factory://runs/${runId}/state`;
  await client.subscribeResource({ uri });
  expect((await readState(client, uri)).status).toBe('running');

  const gate = await untilNotified(client, updates, uri, 0, (s) => s.pending_tasks[0], 'the draft gate is open');
  expect(gate.block_id).toBe('draft');
  const attention = await client.getPrompt({ name: 'whats_needs_attention' });
  expect((attention.messages[0]!.content as { text: string }).text).toContain(`task ${gate.task_id}`);
  const review = await client.getPrompt({ name: 'review_gate', arguments: { gate_id: gate.task_id } });
  expect((review.messages[0]!.content as { text: string }).text).toContain('Draft');

  const pending = dataOf<Task[]>(await call(client, 'factory_get_pending_tasks', { pipeline_id: runId }));
  expect(pending.map((t) => t.task_id)).toEqual([gate.task_id]);
  const claimed = await call(client, 'factory_claim_task', { task_id: gate.task_id });
  expect(claimed.isError).toBeFalsy();
  // Claimed by this token: "me" finds it (by id), and the priorities are the runs' own names.
  const mine = dataOf<Task[]>(await call(client, 'factory_get_pending_tasks', { pipeline_id: runId, assignee: 'me', priority: 'medium' }));
  expect(mine.map((t) => t.task_id)).toEqual([gate.task_id]);
  expect(dataOf<Task[]>(await call(client, 'factory_get_pending_tasks', { pipeline_id: runId, priority: 'critical' }))).toEqual([]);
  const summary = await client.readResource({ uri: 'factory://dashboard/summary' });
  const byPriority = (JSON.parse((summary.contents[0] as { text: string }).text) as { by_priority: Record<string, number> }).by_priority;
  expect(Object.keys(byPriority)).toEqual(['critical', 'high', 'medium', 'low']);
  expect(byPriority.medium).toBeGreaterThanOrEqual(1);

  const before = updates.count(uri);
  const rejected = await call(client, 'factory_reject_task', { task_id: gate.task_id, reason: 'Too long for a haiku', requested_changes: ['three lines'] });
  expect(textOf(rejected)).toContain(`Rejected gate #${gate.task_id}`);
  const rework = await untilNotified(client, updates, uri, before, (s) => s.pending_tasks.find((t) => t.task_id !== gate.task_id), 'the reworked draft waits for review again');
  expect(rework.block_id).toBe('draft');
  expect(rework.attempt).toBeGreaterThan(gate.attempt);

  const again = await call(client, 'factory_reject_task', { task_id: gate.task_id, reason: 'late second click' });
  expect(textOf(again)).toContain('already decided');
  const afterApprove = updates.count(uri);
  const approved = await call(client, 'factory_approve_task', { task_id: rework.task_id, notes: 'Better' });
  expect(textOf(approved)).toContain(`Approved gate #${rework.task_id}`);
  const done = await untilNotified(client, updates, uri, afterApprove, (s) => (s.status === 'completed' ? s : undefined), 'the run completes');
  expect(done.blocks.every((b) => b.status === 'done')).toBe(true);

  const status = dataOf<RunState>(await call(client, 'factory_get_pipeline_status', { pipeline_id: runId }));
  expect(status.status).toBe('completed');
  const retro = await client.getPrompt({ name: 'pipeline_retrospective', arguments: { run_id: runId } });
  expect((retro.messages[0]!.content as { text: string }).text).toContain('gate.rejected');
  const search = dataOf<Array<{ type: string; id: string }>>(await call(client, 'factory_search', { query: 'demo' }));
  expect(search).toContainEqual(expect.objectContaining({ type: 'template', id: 'demo' }));

  // A bad argument is a tool error with a sentence; the server keeps serving.
  const unknown = await call(client, 'factory_approve_task', { task_id: '999999' });
  expect(unknown.isError).toBe(true);
  expect(textOf(unknown)).toMatch(/There is no gate #999999/);
  expect((await call(client, 'factory_get_blockers', {})).isError).toBeFalsy();
}

/** An agent starts a run and is refused approving its gate, with a sentence; rejecting stays allowed. */
export async function agentIsRefusedItsOwnApproval(agent: Client): Promise<void> {
  const updates = watchUpdates(agent);
  const runId = dataOf<RunState>(await call(agent, 'factory_create_pipeline', { template: 'demo', simulate: true })).run_id;
  const uri = `factory://runs/${runId}/state`;
  await agent.subscribeResource({ uri });
  const gate = await untilNotified(agent, updates, uri, 0, (s) => s.pending_tasks[0], 'the agent run’s gate');
  const refused = await call(agent, 'factory_approve_task', { task_id: gate.task_id });
  expect(refused.isError).toBe(true);
  expect(textOf(refused)).toMatch(/agent may not approve its own/i);
  expect((await readState(agent, uri)).pending_tasks.map((t) => t.task_id)).toContain(gate.task_id);
  const rejected = await call(agent, 'factory_reject_task', { task_id: gate.task_id, reason: 'The agent flags its own draft' });
  expect(rejected.isError).toBeFalsy();
}
