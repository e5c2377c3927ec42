import { z } from 'zod';
import { nestedBlockSchema } from './block-v2';
import { DURATION_SCHEMAS } from './duration';
import { nestedTemplateSchema } from './template';

/** Stable identifier of the exported schema; a URN because the project owns no schema host. */
export const TEMPLATE_SCHEMA_ID = 'urn:process-factory:schema:template';

/**
 * What `parseDuration` accepts, as a JSON Schema pattern: milliseconds as digits, or unit parts
 * ("90s", "2h30m", "1.5h"). Editors use it to flag "30 minutes" while the template is typed.
 */
export const DURATION_TEXT_PATTERN = '^\\s*(\\d+|(\\d+(\\.\\d+)?(ms|s|m|h|d|w))+)\\s*$';

/**
 * JSON Schema (draft-07) of a template as a person writes it, for editor autocompletion and
 * validation through a template's `"$schema"` key. Generated from the zod schema, so the two
 * cannot disagree about field names; the zod schema stays the authority (semantic checks such as
 * cycles and unknown dependencies live in the engine, not here).
 */
export function templateJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(nestedTemplateSchema, {
    // The input side: what the file contains (durations as text, defaults optional), not what parsing yields.
    io: 'input',
    // draft-07 is the dialect every mainstream editor (VS Code, JetBrains, yaml-language-server) validates fully.
    target: 'draft-07',
    // Fail the export (and its test) if a future field has no JSON Schema form, rather than silently accept anything.
    unrepresentable: 'throw',
    override: ({ zodSchema, jsonSchema }) => {
      if (DURATION_SCHEMAS.has(zodSchema as unknown as z.ZodType)) describeDuration(jsonSchema);
      if (zodSchema === (nestedBlockSchema as unknown)) jsonSchema.title = 'Block';
    },
  });
  // `$schema` first, then identity, then the generated body: a stable, readable key order.
  const { $schema, ...body } = generated as Record<string, unknown>;
  return {
    $schema,
    $id: TEMPLATE_SCHEMA_ID,
    title: 'Process Factory pipeline template',
    description: 'A pipeline of Block v2 blocks. See templates/README.md for every field with examples.',
    ...body,
  };
}

/**
 * The input side of a duration is `string | number`; zod reports just the two types, so a typo
 * like "30 minutes" would pass in the editor. Narrow each branch to what parseDuration accepts.
 */
function describeDuration(jsonSchema: Record<string, unknown>): void {
  delete jsonSchema.type;
  jsonSchema.anyOf = [
    { type: 'string', pattern: DURATION_TEXT_PATTERN },
    { type: 'number', minimum: 0 },
  ];
}

/** The schema file's exact text: two-space indent and a final newline, so re-exports diff cleanly. */
export function renderTemplateJsonSchema(): string {
  return `${JSON.stringify(templateJsonSchema(), null, 2)}\n`;
}
