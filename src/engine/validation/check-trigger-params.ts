import { resolveParams } from '../../schema/resolve-params';
import type { Template } from '../../schema/template';
import type { ReportIssue } from './issues';

/**
 * The template trigger's `params` are what every scheduled run starts with: checked here as
 * `/factory run` would check them, so a schedule is not refused at its first fire instead.
 */
export function checkTriggerParams(template: Template, report: ReportIssue): void {
  const trigger = template.trigger;
  if (trigger?.type !== 'cron') return;
  const resolved = resolveParams(template, trigger.params);
  if (resolved.ok) return;
  for (const problem of resolved.problems) {
    const path = Object.hasOwn(trigger.params, problem.param) ? ['trigger', 'params', problem.param] : ['trigger', 'params'];
    report(path, `The template trigger starts every scheduled run with these params, but ${problem.message}; fix \`trigger.params\`.`);
  }
}
