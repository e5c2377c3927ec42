import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { McpDeps, McpSession } from './mcp-deps';
import { blockerOf, taskOf } from './mcp-views';
import { requireToolScope } from './tool-result';

const user = (text: string) => ({ messages: [{ role: 'user' as const, content: { type: 'text' as const, text } }] });
const lines = (items: string[], none: string) => (items.length ? items.map((i) => `- ${i}`).join('\n') : `- ${none}`);

/** Prompts: the factory's current facts, written out for a model to reason over and act on with the tools. */
export function registerPrompts(server: McpServer, deps: McpDeps, session: McpSession): void {
  const { service, now } = deps;
  const read = () => requireToolScope(session.principal, 'runs:read');

  server.registerPrompt('whats_needs_attention', { title: 'What needs my attention?', description: 'SLA breaches first, then pending approvals, blocked runs and failures, with suggested actions.' }, async () => {
    read();
    const at = now();
    const [blockers, pending] = await Promise.all([service.blockers(at), service.pendingFor(session.principal.actor, at)]);
    const breaches = blockers.filter((b) => b.reason === 'sla-breached').map(blockerOf);
    const failures = blockers.filter((b) => b.kind === 'failed-block').map(blockerOf);
    const stuck = blockers.filter((b) => b.kind === 'gate' && b.reason !== 'sla-breached').map(blockerOf);
    const tasks = pending.map(taskOf);
    return user(
      [
        `It is ${at.toISOString()}. Tell me what needs my attention in the Process Factory, most urgent first, and propose the next action for each item. Use the factory_* tools to act once I agree.`,
        `\nSLA breaches:\n${lines(breaches.map((b) => `${b.run} / ${b.block} (task ${b.task_id}), deadline ${b.deadline_at}: ${b.suggestion}`), 'none')}`,
        `\nPending approvals I may decide:\n${lines(tasks.map((t) => `task ${t.task_id}: ${t.block} of ${t.run} (${t.kind}, ${t.priority}${t.deadline_at ? `, due ${t.deadline_at}` : ''})`), 'none')}`,
        `\nBlocked:\n${lines(stuck.map((b) => `${b.run} / ${b.block}: ${b.reason}, waiting on ${b.must_act.join(', ') || 'someone'}`), 'none')}`,
        `\nFailures:\n${lines(failures.map((b) => `${b.run} / ${b.block}: ${b.error ?? 'failed'}; ${b.suggestion}`), 'none')}`,
      ].join('\n'),
    );
  });

  server.registerPrompt('review_gate', { title: 'Review a gate', description: 'The gate, its block’s output and metrics, to decide with factory_approve_task or factory_reject_task.', argsSchema: { gate_id: z.string().regex(/^\d{1,18}$/) } }, async ({ gate_id }) => {
    read();
    const gate = await service.getGate(gate_id, now());
    const artifacts = gate.artifacts.map((a) => `### ${a.key} (${a.format})\n${a.preview ?? a.url ?? '(no preview)'}`).join('\n\n');
    return user(
      [
        `Review gate #${gate.id}: ${gate.position} "${gate.blockName}" in ${gate.runName} (${gate.templateName}), attempt ${gate.attempt}, status ${gate.status}.`,
        gate.question ? `The agent asks: ${gate.question}` : '',
        Object.keys(gate.metrics).length ? `Metrics: ${JSON.stringify(gate.metrics)}${gate.threshold ? `; threshold ${JSON.stringify(gate.threshold)}` : ''}` : '',
        `Reworks so far: ${gate.reworks} of ${gate.maxReworks}.`,
        artifacts ? `\nOutputs:\n\n${artifacts}` : 'The block produced no outputs to preview.',
        `\nSay whether it should be approved. To act: factory_approve_task { task_id: "${gate.id}", notes } or factory_reject_task { task_id: "${gate.id}", reason, requested_changes }.`,
      ]
        .filter(Boolean)
        .join('\n'),
    );
  });

  server.registerPrompt('pipeline_retrospective', { title: 'Run retrospective', description: 'The timeline of one run from its audit log, to learn what slowed it down.', argsSchema: { run_id: z.string().regex(/^\d{1,18}$/) } }, async ({ run_id }) => {
    read();
    const [run, audit] = await Promise.all([service.getRun(run_id, now()), service.audit(run_id, 200)]);
    const timeline = audit.map((e) => `${e.at.toISOString()} ${e.action} ${e.entity.label ?? e.entity.id} by ${e.actor.name}${e.reason ? `: ${e.reason}` : ''}`);
    return user(
      [
        `Write a short retrospective of run #${run.id} (${run.name}, template ${run.templateName}): status ${run.status}, started ${run.createdAt.toISOString()}${run.endedAt ? `, ended ${run.endedAt.toISOString()}` : ''}.`,
        `Blocks: ${run.blocks.map((b) => `${b.name} ${b.status} after ${b.attempts} attempt(s)`).join('; ')}.`,
        `\nTimeline:\n${timeline.join('\n')}`,
        '\nWhat went well, where did it wait on people or rework, and what would make the next run faster?',
      ].join('\n'),
    );
  });
}
