import type { Template } from '../schema/template';
import type { PersonWait, PlanStep } from '../engine/plan-waves';
import { PLAIN, type Paint } from './paint';

/**
 * The rehearsal of a run as text: which blocks run together at each step and where the run waits
 * for a person, e.g. "step 4: expert-framework-creator → waits for a person: after-gate".
 */
export function formatPlan(template: Template, steps: readonly PlanStep[], paint: Paint = PLAIN, autonomyLabel = 'template gates'): string {
  const lines = [`${paint.bold(`Plan for ${template.id}`)} ${paint.dim(`(${autonomyLabel}; every block succeeds, every gate approved)`)}`];
  let waits = 0;
  for (const step of steps) {
    const prefix = `step ${step.step}: `;
    const indent = ' '.repeat(prefix.length);
    const rows: string[] = [];
    if (step.started.length > 0) rows.push(`${step.started.length === 1 ? 'runs' : 'run together'}: ${step.started.join(', ')}`);
    for (const wait of step.waitsForPerson) rows.push(`${wait.blockId} → ${paint.yellow(`waits for a person: ${describeWait(wait)}`)}`);
    waits += step.waitsForPerson.length;
    rows.forEach((row, i) => lines.push(`${i === 0 ? prefix : indent}${row}`));
  }
  lines.push(paint.dim(`${steps.length} steps, ${waits} ${waits === 1 ? 'wait' : 'waits'} for a person`));
  return lines.join('\n');
}

function describeWait(wait: PersonWait): string {
  if (wait.kind === 'task') return 'task (runtime manual)';
  if (wait.kind === 'clarification') return 'clarification';
  return `${wait.position}-gate`;
}
