import { describe, expect, it } from 'vitest';
import { messageIssues, validateCommandList, validateMessageBody, validateModalData } from '../../fakes/discord';

const s = (n: number, c = 'x') => c.repeat(n);
const button = (custom_id: string, label = 'Go') => ({ type: 2, style: 1, label, custom_id });
const row = (...components: unknown[]) => ({ type: 1, components });
const paths = (body: unknown) => messageIssues(body).map((i) => `${i.path.join('.')}:${i.code}`);

describe('fake Discord message validator', () => {
  it.each([
    ['content', { content: s(2000) }, { content: s(2001) }, 'content:BASE_TYPE_MAX_LENGTH'],
    ['embeds', { embeds: Array.from({ length: 10 }, () => ({ title: 'a' })) }, { embeds: Array.from({ length: 11 }, () => ({ title: 'a' })) }, 'embeds:BASE_TYPE_MAX_LENGTH'],
    ['title', { embeds: [{ title: s(256) }] }, { embeds: [{ title: s(257) }] }, 'embeds.0.title:BASE_TYPE_MAX_LENGTH'],
    ['description', { embeds: [{ description: s(4096) }] }, { embeds: [{ description: s(4097) }] }, 'embeds.0.description:BASE_TYPE_MAX_LENGTH'],
    ['fields', { embeds: [{ fields: Array.from({ length: 25 }, () => ({ name: 'n', value: 'v' })) }] }, { embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }] }, 'embeds.0.fields:BASE_TYPE_MAX_LENGTH'],
    ['field value', { embeds: [{ fields: [{ name: 'n', value: s(1024) }] }] }, { embeds: [{ fields: [{ name: 'n', value: s(1025) }] }] }, 'embeds.0.fields.0.value:BASE_TYPE_BAD_LENGTH'],
    ['field name', { embeds: [{ fields: [{ name: s(256), value: 'v' }] }] }, { embeds: [{ fields: [{ name: '', value: 'v' }] }] }, 'embeds.0.fields.0.name:BASE_TYPE_REQUIRED'],
    ['footer', { embeds: [{ footer: { text: s(2048) } }] }, { embeds: [{ footer: { text: s(2049) } }] }, 'embeds.0.footer.text:BASE_TYPE_BAD_LENGTH'],
    ['author', { embeds: [{ author: { name: s(256) } }] }, { embeds: [{ author: { name: s(257) } }] }, 'embeds.0.author.name:BASE_TYPE_BAD_LENGTH'],
    ['6000 total across embeds', { embeds: [{ description: s(4000) }, { description: s(2000) }] }, { embeds: [{ description: s(4000) }, { description: s(2000), title: 'x' }] }, 'embeds:MAX_EMBED_SIZE_EXCEEDED'],
    ['action rows', { content: 'x', components: Array.from({ length: 5 }, (_, i) => row(button(`b${i}`))) }, { content: 'x', components: Array.from({ length: 6 }, (_, i) => row(button(`b${i}`))) }, 'components:BASE_TYPE_MAX_LENGTH'],
    ['buttons per row', { content: 'x', components: [row(...Array.from({ length: 5 }, (_, i) => button(`b${i}`)))] }, { content: 'x', components: [row(...Array.from({ length: 6 }, (_, i) => button(`b${i}`)))] }, 'components.0.components:BASE_TYPE_BAD_LENGTH'],
    ['custom_id length', { content: 'x', components: [row(button(s(100)))] }, { content: 'x', components: [row(button(s(101)))] }, 'components.0.components.0.custom_id:BASE_TYPE_BAD_LENGTH'],
    ['custom_id unique', { content: 'x', components: [row(button('a'), button('b'))] }, { content: 'x', components: [row(button('a')), row(button('a'))] }, 'components.1.components.0.custom_id:COMPONENT_CUSTOM_ID_DUPLICATED'],
    ['label', { content: 'x', components: [row(button('a', s(80)))] }, { content: 'x', components: [row(button('a', s(81)))] }, 'components.0.components.0.label:BASE_TYPE_MAX_LENGTH'],
  ])('GIVEN %s at the limit THEN accepted; one past THEN rejected at its path', (_name, atLimit, overLimit, expected) => {
    expect(paths(atLimit)).toEqual([]);
    expect(paths(overLimit)).toContain(expected);
  });

  it('GIVEN an empty create THEN 50006; GIVEN an empty edit THEN accepted', () => {
    expect(validateMessageBody({}).jsonError).toEqual({ code: 50006, message: 'Cannot send an empty message' });
    expect(validateMessageBody({}, { isEdit: true }).jsonError).toBeUndefined();
  });

  it('GIVEN an over-limit embed THEN the 400 body is Discord\'s Invalid Form Body tree', () => {
    expect(validateMessageBody({ embeds: [{ title: s(257) }] }).form.toBody()).toEqual({
      code: 50035,
      message: 'Invalid Form Body',
      errors: { embeds: { '0': { title: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 256 or fewer in length.' }] } } } },
    });
  });

  it('GIVEN a link button with a custom_id, or a button without one THEN rejected', () => {
    expect(paths({ content: 'x', components: [row({ type: 2, style: 5, label: 'L', url: 'https://x', custom_id: 'a' })] })).toContain('components.0.components.0.custom_id:BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED');
    expect(paths({ content: 'x', components: [row({ type: 2, style: 1, label: 'L' })] })).toContain('components.0.components.0.custom_id:BASE_TYPE_REQUIRED');
  });
});

describe('fake Discord modal and command validators', () => {
  const modal = (over: Record<string, unknown> = {}, input: Record<string, unknown> = {}) => ({
    custom_id: 'm',
    title: 'Reject',
    components: [{ type: 18, label: 'Reason', component: { type: 4, custom_id: 'reason', style: 2, max_length: 4000, ...input } }],
    ...over,
  });
  const issues = (data: unknown) => validateModalData(data).issues.map((i) => `${i.path.join('.')}:${i.code}`);

  it('GIVEN modal title 45 / text input max_length 4000 THEN accepted; 46 / 4001 THEN rejected', () => {
    expect(issues(modal({ title: s(45) }))).toEqual([]);
    expect(issues(modal({ title: s(46) }))).toContain('title:BASE_TYPE_BAD_LENGTH');
    expect(issues(modal({}, { max_length: 4001 }))).toContain('components.0.component.max_length:NUMBER_TYPE_MAX');
    expect(issues(modal({ components: [] }))).toContain('components:BASE_TYPE_BAD_LENGTH');
  });

  it('GIVEN a legacy action-row text input without a label THEN rejected', () => {
    expect(issues(modal({ components: [{ type: 1, components: [{ type: 4, custom_id: 'r', style: 1, label: s(45) }] }] }))).toEqual([]);
    expect(issues(modal({ components: [{ type: 1, components: [{ type: 4, custom_id: 'r', style: 1 }] }] }))).toContain('components.0.components.0.label:BASE_TYPE_REQUIRED');
  });

  it('GIVEN commands THEN names, descriptions and duplicates are checked like Discord', () => {
    const ok = [{ name: 'factory', description: 'Run pipelines', options: [{ type: 1, name: 'run', description: 'Start a run', options: [{ type: 3, name: 'template', description: 'Template', autocomplete: true }] }] }];
    expect(validateCommandList(ok).issues).toEqual([]);
    const bad = validateCommandList([{ name: 'Factory', description: '' }, { name: 'x', description: s(101) }, { name: 'x', description: 'd' }]);
    expect(bad.issues.map((i) => `${i.path.join('.')}:${i.code}`)).toEqual(['0.name:APPLICATION_COMMAND_INVALID_NAME', '0.description:BASE_TYPE_REQUIRED', '1.description:BASE_TYPE_BAD_LENGTH', '2.name:APPLICATION_COMMANDS_DUPLICATE_NAME']);
  });
});
