import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blockSchema } from '../../../src/schema/block';
import { EXECUTION_FIELDS, LIFECYCLE_FIELDS } from '../../../src/schema/block-v2';
import { parseDuration } from '../../../src/schema/duration';
import { DURATION_TEXT_PATTERN, renderTemplateJsonSchema, templateJsonSchema } from '../../../src/schema/json-schema';
import { checkJsonSchema } from './json-schema-subset';
import { readRawTemplate, SCHEMA_FILE, TEMPLATES_DIR, templateFiles } from './load-templates';

type Schema = Record<string, unknown>;
const schema = templateJsonSchema();
const blockItem = (schema.properties as Record<string, Schema>).blocks!.items as Schema;
const blockProperties = blockItem.properties as Record<string, Schema>;
const executionProperties = blockProperties.execution!.properties as Record<string, Schema>;

describe('templates/template.schema.json', () => {
  it('GIVEN the committed file THEN it equals a fresh export (run `npm run schema:export` when this fails)', () => {
    expect(readFileSync(`${TEMPLATES_DIR}${SCHEMA_FILE}`, 'utf8')).toBe(renderTemplateJsonSchema());
  });

  it('GIVEN the export THEN it is a draft-07 schema with an $id and a title', () => {
    expect(schema).toMatchObject({
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: expect.stringMatching(/^urn:/),
      title: expect.any(String),
      type: 'object',
      required: ['id', 'name', 'blocks'],
      additionalProperties: false,
    });
  });

  it('GIVEN a block THEN every Block v2 field is described in its group, unknown keys are refused and id, name, type are required', () => {
    const grouped = new Set<string>([...EXECUTION_FIELDS, ...LIFECYCLE_FIELDS]);
    const topLevel = Object.keys(blockSchema.shape).filter((k) => !grouped.has(k));
    expect(Object.keys(blockProperties).sort()).toEqual([...topLevel, 'execution', 'lifecycle'].sort());
    expect(Object.keys(executionProperties).sort()).toEqual([...EXECUTION_FIELDS].sort());
    expect(Object.keys((blockProperties.lifecycle!.properties as Schema))).toEqual([...LIFECYCLE_FIELDS]);
    expect(blockItem.additionalProperties).toBe(false);
    expect(blockProperties.execution!.additionalProperties).toBe(false);
    expect(blockItem.required).toEqual(['id', 'name', 'type']);
  });

  it('GIVEN a duration field THEN an editor accepts text or milliseconds, not either type alone', () => {
    expect(executionProperties.timeout!.anyOf).toEqual([
      { type: 'string', pattern: DURATION_TEXT_PATTERN },
      { type: 'number', minimum: 0 },
    ]);
  });

  it.each(['500ms', '90s', '30m', '4h', '2h30m', '1.5h', '1d', '2w', '300000', ' 20m '])(
    'GIVEN the duration "%s", which parseDuration accepts THEN the pattern accepts it too',
    (text) => {
      expect(parseDuration(text)).not.toBeNull();
      expect(new RegExp(DURATION_TEXT_PATTERN).test(text)).toBe(true);
    },
  );

  it.each(['30 minutes', '4 h', 'h', '', '-5m', '1y', '30m!'])(
    'GIVEN the text "%s", which parseDuration refuses THEN the pattern refuses it too',
    (text) => {
      expect(parseDuration(text)).toBeNull();
      expect(new RegExp(DURATION_TEXT_PATTERN).test(text)).toBe(false);
    },
  );

  it.each(templateFiles())('GIVEN %s THEN it satisfies the exported schema', (file) => {
    expect(checkJsonSchema(schema, readRawTemplate(file))).toEqual([]);
  });

  it('GIVEN a block with an unknown key and a misspelt duration THEN the schema reports both', () => {
    const broken = readRawTemplate('demo.json');
    const block = (broken.blocks as Schema[])[0]!;
    block.timout = '5m';
    (block.execution as Schema).timeout = '5 minutes';
    const errors = checkJsonSchema(schema, broken);
    expect(errors).toContain('$.blocks[0]: unknown key "timout"');
    expect(errors).toContain('$.blocks[0].execution.timeout: matches no anyOf branch');
  });

  it('GIVEN a template without blocks THEN the schema reports the missing key', () => {
    const { blocks: _blocks, ...rest } = readRawTemplate('demo.json');
    expect(checkJsonSchema(schema, rest)).toContain('$: missing required "blocks"');
  });
});
