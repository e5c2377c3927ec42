/**
 * Mutation test of template validation: hundreds of bad templates derived from each reference
 * template (wrong types, unknown keys at every level, missing required fields, bad references,
 * durations, crons, enums, ranges, duplicates). Each must be refused, with an issue on the path
 * that was broken, in sentences without a stack trace; the good template must still pass.
 */
import { describe, expect, it } from 'vitest';
import { validateTemplate } from '../../../src/engine/validate-template';
import { readRawTemplate, templateFiles } from './load-templates';
import { blockMutants } from './mutation/block-mutants';
import type { Json, Mutant } from './mutation/mutant';
import { templateMutants } from './mutation/template-mutants';
import { treeMutants } from './mutation/tree-mutants';
import { onPath } from './mutation/walk';

const STACK_TRACE = /\n\s+at |\bat .+\.[cm]?[jt]s:\d+|Error:|\[object Object\]|undefined/;

function mutantsOf(template: Json): Mutant[] {
  return [...treeMutants(template), ...blockMutants(template), ...templateMutants(template)];
}

/** Why a mutant's outcome is wrong, or null when it was refused as it should be. */
function judge(original: Json, mutant: Mutant): string | null {
  const copy = structuredClone(original);
  mutant.edit(copy);
  let result;
  try {
    result = validateTemplate(copy);
  } catch (error) {
    return `threw ${String(error)}`;
  }
  if (result.ok) return 'was accepted';
  const bad = result.issues.find((i) => !i.path.startsWith('$') || i.message.trim() === '' || STACK_TRACE.test(i.message));
  if (bad) return `has an unusable issue ${JSON.stringify(bad)}`;
  if (mutant.expectPath && !result.issues.some((i) => onPath(i.path, mutant.expectPath!))) {
    return `was refused, but not at ${mutant.expectPath}: ${result.issues.map((i) => i.path).join(', ')}`;
  }
  return null;
}

describe.each(templateFiles())('mutants of %s', (file) => {
  it('GIVEN hundreds of broken copies THEN each is refused at its path, and the original still passes', () => {
    const original = readRawTemplate(file) as Json;
    const good = validateTemplate(original);
    expect(good.ok ? [] : good.issues).toEqual([]);

    const mutants = mutantsOf(original);
    const counts = new Map<string, number>();
    const wrong: string[] = [];
    for (const mutant of mutants) {
      counts.set(mutant.kind, (counts.get(mutant.kind) ?? 0) + 1);
      const why = judge(original, mutant);
      if (why) wrong.push(`${mutant.kind}: ${mutant.what} ${why}`);
    }
    const byKind = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([kind, n]) => `${kind} ${n}`).join(', ');
    console.log(`${file}: ${mutants.length} mutants, ${mutants.length - wrong.length} refused at their path (${byKind})`);

    expect(wrong).toEqual([]);
    expect(mutants.length).toBeGreaterThan(200);
  });
});
