import type { Json } from './mutant';

export interface Node {
  path: readonly (string | number)[];
  value: Json;
}

/** Visits every node of a JSON tree, parents before children. */
export function walk(value: Json, visit: (node: Node) => void, path: readonly (string | number)[] = []): void {
  visit({ path, value });
  if (Array.isArray(value)) value.forEach((item, i) => walk(item, visit, [...path, i]));
  else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) walk(item, visit, [...path, key]);
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `$.blocks[3].inputs`, as the validator writes paths. */
export function pathOf(path: readonly (string | number)[]): string {
  let out = '$';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (IDENTIFIER.test(seg)) out += `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** True when the issue's path is the expected one, lies inside it, or is a parent of it other than the root. */
export function onPath(issuePath: string, expected: string): boolean {
  const inside = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || a.startsWith(`${b}[`);
  return inside(issuePath, expected) || (issuePath !== '$' && inside(expected, issuePath));
}
