import type { z } from 'zod';
import type { PathSegment } from './issues';

/** The parts of zod's internal definition this walk reads (stable across zod 4 releases). */
interface SchemaDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
}

function defOf(schema: z.ZodType): SchemaDef {
  return (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
}

/** Strips wrappers (default, optional, nullable, pipe ...) down to the schema that holds the shape. */
function unwrap(schema: z.ZodType): z.ZodType {
  let at = schema;
  for (let guard = 0; guard < 20; guard++) {
    const def = defOf(at);
    const inner = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
    if (!inner) return at;
    at = inner;
  }
  return at;
}

/** The object shape at `path` inside `schema`, or undefined when the path leads elsewhere. */
export function shapeAt(schema: z.ZodType, path: readonly PathSegment[]): Record<string, z.ZodType> | undefined {
  let at: z.ZodType | undefined = unwrap(schema);
  for (const segment of path) {
    if (!at) return undefined;
    const def = defOf(at);
    if (def.type === 'array' && typeof segment === 'number') at = def.element;
    else if (def.type === 'object' && typeof segment === 'string') at = def.shape?.[segment];
    else if (def.type === 'record') at = def.valueType;
    else return undefined;
    at = at ? unwrap(at) : undefined;
  }
  if (!at) return undefined;
  const def = defOf(at);
  return def.type === 'object' ? def.shape : undefined;
}

/** Keys an object at `path` accepts. */
export function allowedKeysAt(schema: z.ZodType, path: readonly PathSegment[]): string[] {
  return Object.keys(shapeAt(schema, path) ?? {});
}

/** Keys one level down, as "field.key" (so `dependz` on a block can point at `inputs.depends`). */
export function nestedKeysAt(schema: z.ZodType, path: readonly PathSegment[]): string[] {
  return allowedKeysAt(schema, path).flatMap((field) => allowedKeysAt(schema, [...path, field]).map((key) => `${field}.${key}`));
}

/** Which field of the object at `path` has `key` among its own keys (for "`depends` belongs inside `inputs`"). */
export function fieldHoldingKey(schema: z.ZodType, path: readonly PathSegment[], key: string): string | undefined {
  const hit = nestedKeysAt(schema, path).find((k) => k.endsWith(`.${key}`));
  return hit?.slice(0, hit.indexOf('.'));
}
