import type { Message, Tool } from '@anthropic-ai/sdk/resources/messages';
import { z } from 'zod';
import { ExecutorError } from '../domain/executor';
import type { Block } from '../schema/block';
import { taskResultSchema, type TaskResult } from '../schema/task-result';
import { describeIssues } from './declared-artifacts';

export const SUBMIT_RESULT_TOOL = 'submit_result';

/** Guidance the shared schema does not carry, added to the tool's JSON Schema for the model. */
const FIELD_HELP: Record<string, string> = {
  status: 'COMPLETE when done; NEEDS_CLARIFICATION to ask a person one question; BLOCKED when something outside your control stops the work.',
  artifacts: 'Output artifacts by their declared keys; each value is the full text of the artifact in its declared format.',
  metrics: 'Numeric metrics by their declared keys, e.g. {"score": 0.91}.',
  clarification_needed: 'The one question for a person, when status is NEEDS_CLARIFICATION.',
};

/** TaskResult as JSON Schema, input side (defaulted fields optional). Computed once. */
const INPUT_SCHEMA: Tool.InputSchema = (() => {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(taskResultSchema, { io: 'input' }) as Record<string, unknown>;
  const properties = schema.properties as Record<string, Record<string, unknown>>;
  for (const [key, description] of Object.entries(FIELD_HELP)) properties[key] = { ...properties[key], description };
  return schema as Tool.InputSchema;
})();

/** The one tool the model must call; its description names the block's declared outputs. */
export function submitResultTool(block: Block): Tool {
  const keys = block.outputs.artifacts.map((a) => `"${a.key}" (${a.format})`);
  return {
    name: SUBMIT_RESULT_TOOL,
    description: `Submit the result of "${block.name}".${keys.length ? ` When COMPLETE, artifacts must contain ${keys.join(', ')}.` : ''}`,
    input_schema: INPUT_SCHEMA,
  };
}

/**
 * The TaskResult the model submitted. A missing tool call or an input that fails the schema is
 * a retryable error naming what was wrong: a second sample usually gets it right.
 */
export function parseSubmittedResult(message: Message): TaskResult {
  const call = message.content.find((c) => c.type === 'tool_use' && c.name === SUBMIT_RESULT_TOOL);
  if (!call || call.type !== 'tool_use') {
    throw new ExecutorError(
      `the model did not call ${SUBMIT_RESULT_TOOL} (stop_reason: ${message.stop_reason ?? 'unknown'})`,
      true,
      'invalid_result',
    );
  }
  const parsed = taskResultSchema.safeParse(call.input);
  if (!parsed.success) {
    // A response cut at max_tokens ends mid-input; say so, since the fix is a larger budget.
    const cut = message.stop_reason === 'max_tokens' ? ' (the response hit max_tokens)' : '';
    throw new ExecutorError(`the model's ${SUBMIT_RESULT_TOOL} input is invalid${cut}: ${describeIssues(parsed.error)}`, true, 'invalid_result');
  }
  return parsed.data;
}
