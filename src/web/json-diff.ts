export interface JsonChange {
  /** "$.soul.traits[2]" */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

const IDENT = /^[A-Za-z_$][\w$]*$/;

function child(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : IDENT.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function isContainer(v: unknown): v is Record<string, unknown> | unknown[] {
  return v !== null && typeof v === 'object';
}

/**
 * What changed between two JSON values, by key path: leaves and whole subtrees that were added,
 * removed or changed. Arrays compare by index. Stops after `limit` changes.
 */
export function diffJsonByPath(before: unknown, after: unknown, limit = 2_000): JsonChange[] {
  const out: JsonChange[] = [];
  const walk = (a: unknown, b: unknown, path: string): void => {
    if (out.length >= limit) return;
    if (isContainer(a) && isContainer(b) && Array.isArray(a) === Array.isArray(b)) {
      if (Array.isArray(a) && Array.isArray(b)) {
        for (let i = 0; i < Math.max(a.length, b.length); i++) {
          if (i >= a.length) out.push({ path: child(path, i), kind: 'added', after: b[i] });
          else if (i >= b.length) out.push({ path: child(path, i), kind: 'removed', before: a[i] });
          else walk(a[i], b[i], child(path, i));
        }
        return;
      }
      const ra = a as Record<string, unknown>;
      const rb = b as Record<string, unknown>;
      for (const key of new Set([...Object.keys(ra), ...Object.keys(rb)])) {
        if (!Object.hasOwn(rb, key)) out.push({ path: child(path, key), kind: 'removed', before: ra[key] });
        else if (!Object.hasOwn(ra, key)) out.push({ path: child(path, key), kind: 'added', after: rb[key] });
        else walk(ra[key], rb[key], child(path, key));
      }
      return;
    }
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ path, kind: 'changed', before: a, after: b });
  };
  walk(before, after, '$');
  return out;
}
