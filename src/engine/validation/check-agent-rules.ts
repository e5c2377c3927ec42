import { DEFAULT_MODEL_ALIASES, isModelId } from '../../schema/model-aliases';
import { ROLES } from '../../domain/statuses';
import type { ReportIssue } from './issues';
import { blockLabel, isObject, readAt, type RawBlock } from './raw-template';
import { didYouMean } from './suggest';

/** Names a template is checked against that live outside it (the config file's aliases and teams). */
export interface ValidationKnowledge {
  /** Model aliases in force; default the built-in ones. */
  modelAliases?: readonly string[];
  /** Teams a clarification may target; when omitted, targets are not checked (no config at hand). */
  teams?: readonly string[];
}

/** `repair.validated_by` names a block that reads this one's output (so it runs after it). */
function checkValidatedBy(blocks: readonly RawBlock[], block: RawBlock, label: string, report: ReportIssue): void {
  const name = readAt(block.value, ['repair', 'validated_by']);
  if (typeof name !== 'string' || name === '') return;
  const validator = blocks.find((b) => b.id === name);
  const depends = validator ? readAt(validator.value, ['inputs', 'depends']) : undefined;
  const reads = Array.isArray(depends) && depends.some((d) => isObject(d) && d.block === block.id);
  if (reads) return;
  report(
    ['blocks', block.index, 'repair', 'validated_by'],
    validator
      ? `${label} is validated by \`${name}\`, but \`${name}\` does not depend on it; add ${block.id === undefined ? 'it' : `\`${block.id}\``} to \`${name}\`'s \`inputs.depends\`.`
      : `${label} is validated by \`${name}\`, which is not a block in this template${didYouMean(name, blocks.flatMap((b) => (b.id ? [b.id] : []))) || '.'}`,
  );
}

/**
 * Agent fields zod cannot judge alone: `model` and `repair.model` name a known alias or a model id
 * ("claude-…"); `repair.validated_by` names a block that depends on this one;
 * `clarification.target` names a team, a role or a principal.
 */
export function checkAgentRules(blocks: readonly RawBlock[], knowledge: ValidationKnowledge, report: ReportIssue): void {
  const aliases = knowledge.modelAliases ?? Object.keys(DEFAULT_MODEL_ALIASES);
  for (const block of blocks) {
    const label = blockLabel(block);
    for (const path of [['model'], ['repair', 'model']]) {
      const name = readAt(block.value, path);
      if (typeof name !== 'string' || name === '' || aliases.includes(name) || isModelId(name)) continue;
      report(
        ['blocks', block.index, ...path],
        `${label} names model "${name}", which is neither a model alias nor a model id${didYouMean(name, aliases) || `; use one of ${aliases.join(', ')}, or add it under \`models.aliases\` in the config file.`}`,
      );
    }
    checkValidatedBy(blocks, block, label, report);
    const clarification = block.value.clarification;
    if (!knowledge.teams || !isObject(clarification) || typeof clarification.target !== 'string') continue;
    const target = clarification.target;
    if (knowledge.teams.includes(target) || (ROLES as readonly string[]).includes(target) || target.includes(':')) continue;
    report(
      ['blocks', block.index, 'clarification', 'target'],
      `${label} asks its questions to "${target}", which is no team, role or principal${didYouMean(target, [...knowledge.teams, ...ROLES]) || '; add the team under `teams` in the config file.'}`,
    );
  }
}
