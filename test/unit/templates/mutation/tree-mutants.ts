/**
 * Mutants derived from the shape of a template's JSON alone: every node with a value of another
 * type, every object with a key it does not have, every required key removed. Which keys are
 * required is written here by hand (not read from the schema), so the test does not take the code
 * under test as its oracle.
 */
import type { Json, Mutant } from './mutant';
import { pathOf, walk, type Node } from './walk';

/**
 * Subtrees whose values are free (config overrides, per-run params, param defaults, scheduled
 * params): any replacement there may be valid, so they are not mutated by type.
 */
const FREE = [/\.inputs\.config(\.|$)/, /\.scope\.run_params(\.|$)/, /^\$\.trigger\.params(\.|$)/, /^\$\.params\.\w+\.default$/];

/** Keys whose absence must be refused, by the path of the object that holds them. */
const REQUIRED: ReadonlyArray<[RegExp, readonly string[]]> = [
  [/^\$$/, ['id', 'name', 'blocks']],
  [/^\$\.blocks\[\d+\]$/, ['id', 'name', 'type']],
  [/\.inputs\.depends\[\d+\]$/, ['block', 'key']],
  [/\.outputs\.artifacts\[\d+\]$/, ['key', 'format']],
  [/\.outputs\.metrics\[\d+\]$/, ['key']],
  [/\.outputs\.publish\[\d+\]$/, ['domain', 'slug']],
  [/\.threshold$/, ['metric', 'min']],
  [/\.steps\[\d+\]$/, ['at', 'action']],
  [/\.repeat$/, ['every']],
  [/\.quiet_hours$/, ['timezone', 'hours']],
  [/^\$\.trigger$/, ['type', 'cron']],
  [/\.lens$/, ['perspective']],
  [/\.record_state$/, ['track_per', 'states']],
];

/** Values of another JSON type than the original, none of which the original's field accepts. */
function wrongTypesFor(value: Json): Json[] {
  if (value === null) return [12, true];
  if (Array.isArray(value)) return [{}, 'a-list-was-expected', 7];
  switch (typeof value) {
    case 'string':
      return [{}, [], true];
    case 'number':
      return ['not-a-number', {}, []];
    case 'boolean':
      return ['yes', 1, {}];
    default:
      return [[], 'an-object-was-expected', 3];
  }
}

/**
 * One wrong type per node, rotating through the candidates node by node, so every replacement
 * kind is exercised across a template while the count stays in the hundreds (and the test fast).
 */
export function treeMutants(template: Json): Mutant[] {
  const out: Mutant[] = [];
  let visited = 0;
  walk(template, (node: Node) => {
    const at = pathOf(node.path);
    if (node.path.length > 0 && !FREE.some((re) => re.test(at))) {
      const candidates = wrongTypesFor(node.value);
      const wrong = candidates[visited++ % candidates.length]!;
      out.push({ kind: 'wrong type', what: `${at} = ${JSON.stringify(wrong)}`, expectPath: at, edit: (t) => setAt(t, node.path, wrong) });
    }
    if (isPlainObject(node.value) && !FREE.some((re) => re.test(at))) {
      out.push({ kind: 'unknown key', what: `${at}.zzUnknownKey`, expectPath: at, edit: (t) => setAt(t, [...node.path, 'zzUnknownKey'], 1) });
      for (const [holder, keys] of REQUIRED) {
        if (!holder.test(at)) continue;
        for (const key of keys) {
          if (!(key in node.value)) continue;
          out.push({ kind: 'missing required', what: `${at} without ${key}`, expectPath: at, edit: (t) => removeAt(t, [...node.path, key]) });
        }
      }
    }
  });
  return out;
}

export function isPlainObject(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function setAt(root: Json, path: readonly (string | number)[], value: Json): void {
  const parent = path.slice(0, -1).reduce<Json>((at, seg) => (at as Record<string, Json>)[seg]!, root) as Record<string | number, Json>;
  parent[path[path.length - 1]!] = value;
}

function removeAt(root: Json, path: readonly (string | number)[]): void {
  const parent = path.slice(0, -1).reduce<Json>((at, seg) => (at as Record<string, Json>)[seg]!, root) as Record<string, Json>;
  delete parent[path[path.length - 1] as string];
}
