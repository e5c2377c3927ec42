/**
 * A small JSON Schema checker for the keywords templates/template.schema.json uses, so tests can
 * ask "would an editor accept this template?" without a validator dependency. It throws on any
 * keyword it does not know: if the export starts using one, this test must learn it rather than
 * pass silently.
 */
type Schema = Record<string, unknown>;

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', 'default', 'format']);
const KNOWN = new Set([
  ...ANNOTATIONS,
  'type', 'properties', 'required', 'additionalProperties', 'propertyNames', 'enum', 'const',
  'items', 'minItems', 'pattern', 'minLength', 'minimum', 'maximum', 'anyOf',
]);

/** Every violation as "path: message"; empty when the value satisfies the schema. */
export function checkJsonSchema(schema: Schema, value: unknown, path = '$'): string[] {
  for (const keyword of Object.keys(schema)) {
    if (!KNOWN.has(keyword)) throw new Error(`json-schema-subset does not know the keyword "${keyword}" (at ${path})`);
  }
  const errors: string[] = [];
  if (schema.anyOf) {
    const branches = schema.anyOf as Schema[];
    if (!branches.some((b) => checkJsonSchema(b, value, path).length === 0)) errors.push(`${path}: matches no anyOf branch`);
  }
  if (schema.type !== undefined && !typeMatches(schema.type as string | string[], value)) {
    return [...errors, `${path}: expected ${JSON.stringify(schema.type)}, got ${JSON.stringify(value)}`];
  }
  if (schema.enum && !(schema.enum as unknown[]).includes(value)) errors.push(`${path}: not one of ${JSON.stringify(schema.enum)}`);
  if ('const' in schema && schema.const !== value) errors.push(`${path}: must be ${JSON.stringify(schema.const)}`);
  if (typeof value === 'string') {
    if (schema.pattern && !new RegExp(schema.pattern as string, 'u').test(value)) errors.push(`${path}: "${value}" does not match ${schema.pattern}`);
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) errors.push(`${path}: shorter than ${schema.minLength}`);
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) errors.push(`${path}: below ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) errors.push(`${path}: above ${schema.maximum}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) errors.push(`${path}: fewer than ${schema.minItems} items`);
    if (schema.items) value.forEach((item, i) => errors.push(...checkJsonSchema(schema.items as Schema, item, `${path}[${i}]`)));
  }
  if (isObject(value)) errors.push(...checkObject(schema, value, path));
  return errors;
}

function checkObject(schema: Schema, value: Record<string, unknown>, path: string): string[] {
  const errors: string[] = [];
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  for (const key of (schema.required ?? []) as string[]) {
    if (!(key in value)) errors.push(`${path}: missing required "${key}"`);
  }
  for (const [key, child] of Object.entries(value)) {
    if (schema.propertyNames) errors.push(...checkJsonSchema(schema.propertyNames as Schema, key, `${path}{${key}}`));
    if (properties[key]) errors.push(...checkJsonSchema(properties[key], child, `${path}.${key}`));
    else if (schema.additionalProperties === false) errors.push(`${path}: unknown key "${key}"`);
    else if (isObject(schema.additionalProperties)) errors.push(...checkJsonSchema(schema.additionalProperties, child, `${path}.${key}`));
  }
  return errors;
}

function typeMatches(type: string | string[], value: unknown): boolean {
  return (Array.isArray(type) ? type : [type]).some((t) => {
    if (t === 'null') return value === null;
    if (t === 'array') return Array.isArray(value);
    if (t === 'object') return isObject(value);
    if (t === 'integer') return Number.isInteger(value);
    return typeof value === t;
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
