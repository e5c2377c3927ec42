import { formatDuration } from '../schema/duration';
import type { Template } from '../schema/template';
import { computeCriticalPath } from '../engine/compute-critical-path';
import { computeLayers } from '../engine/compute-layers';
import { indexTemplate } from '../engine/template-index';
import { PLAIN, type Paint } from './paint';

/** A block whose skill prompt file is missing (a warning: the template is still valid). */
export interface MissingSkill {
  blockId: string;
  skill: string;
  expectedAt: string;
}

/**
 * One screen about a valid template: size, layers, parallel groups, gates, thresholds, params,
 * the critical path, and warnings (missing skill files).
 */
export function formatSummary(template: Template, paint: Paint = PLAIN, missingSkills: readonly MissingSkill[] = []): string {
  const index = indexTemplate(template);
  const layers = computeLayers(template);
  const version = template.version === undefined ? '' : ` (version ${template.version})`;
  const lines = [
    `${paint.green('✓')} ${paint.bold(template.id)}: ${template.name}${version} is valid`,
    `  ${count(template.blocks.length, 'block')}, ${count(index.edgeCount, 'dependency', 'dependencies')}, ${count(layers.length, 'layer')}`,
    section(paint, 'layers', layers.map((layer, i) => `${i + 1}. ${layer.join(', ')}`)),
    section(paint, 'parallel groups', groupsOf(template)),
    section(paint, 'gates', gatesOf(template)),
    section(paint, 'thresholds', template.blocks.flatMap((b) => (b.threshold ? [`${b.id}: ${b.threshold.metric} >= ${b.threshold.min}`] : []))),
    section(paint, 'params', Object.entries(template.params).map(([name, p]) => `${name} (${p.type}${p.required ? ', required' : ''}${p.default !== undefined ? `, default ${JSON.stringify(p.default)}` : ''})`)),
  ];
  const critical = computeCriticalPath(template);
  lines.push(`  ${paint.bold('critical path')}: ${critical.path.join(' -> ')} (${formatDuration(critical.totalMs)} of machine time)`);
  if (missingSkills.length > 0) {
    lines.push(section(paint, paint.yellow('warnings'), missingSkills.map((m) => `block \`${m.blockId}\` names skill "${m.skill}", but ${m.expectedAt} does not exist`)));
  }
  return lines.join('\n');
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function section(paint: Paint, title: string, items: readonly string[]): string {
  if (items.length === 0) return `  ${paint.bold(title)}: ${paint.dim('none')}`;
  return [`  ${paint.bold(title)}:`, ...items.map((item) => `    ${item}`)].join('\n');
}

function groupsOf(template: Template): string[] {
  const groups = new Map<string, string[]>();
  for (const block of template.blocks) {
    if (block.parallel_group === null) continue;
    groups.set(block.parallel_group, [...(groups.get(block.parallel_group) ?? []), block.id]);
  }
  return [...groups].map(([name, ids]) => `${name}: ${ids.join(', ')}`);
}

function gatesOf(template: Template): string[] {
  return template.blocks.flatMap((b) => {
    const gates: string[] = [];
    if (b.human_gate !== 'none') gates.push(`${b.id} (${b.human_gate}-gate)`);
    if (b.runtime === 'manual') gates.push(`${b.id} (task for a person: runtime manual)`);
    return gates;
  });
}
