import { describe, expect, it } from 'vitest';
import { validateMessageBlocks, validateView } from '../../fakes/slack';

// The fake is the oracle for the renderer's round trip, so each of its limits must bite: one
// character (or item) over is refused, the limit itself is accepted.
const s = (n: number) => 'x'.repeat(n);
const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const button = (over: Record<string, unknown> = {}) => ({ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'Go' }, ...over });
const actions = (...elements: unknown[]) => ({ type: 'actions', elements });
const fields = (n: number, len = 1) => ({ type: 'section', fields: Array.from({ length: n }, () => ({ type: 'mrkdwn', text: s(len) })) });
const context = (n: number) => ({ type: 'context', elements: Array.from({ length: n }, () => ({ type: 'mrkdwn', text: 'c' })) });
const buttons = (n: number) => actions(...Array.from({ length: n }, (_, i) => button({ action_id: `a${i}` })));
const errorsOf = (blocks: unknown) => validateMessageBlocks(blocks)?.errors ?? [];

describe('the fake validates message blocks as Slack does', () => {
  const cases: Array<[string, unknown[], unknown[], string]> = [
    ['blocks per message', Array.from({ length: 50 }, () => section('a')), Array.from({ length: 51 }, () => section('a')), 'no more than 50 items allowed [json-pointer:/blocks]'],
    ['section text', [section(s(3000))], [section(s(3001))], 'must be less than 3001 characters [json-pointer:/blocks/0/text/text]'],
    ['empty section text', [section('a')], [section('')], 'must be more than 0 characters [json-pointer:/blocks/0/text/text]'],
    ['fields per section', [fields(10)], [fields(11)], 'no more than 10 items allowed [json-pointer:/blocks/0/fields]'],
    ['field text', [fields(1, 2000)], [fields(1, 2001)], 'must be less than 2001 characters [json-pointer:/blocks/0/fields/0/text]'],
    ['header', [{ type: 'header', text: { type: 'plain_text', text: s(150) } }], [{ type: 'header', text: { type: 'plain_text', text: s(151) } }], 'must be less than 151 characters [json-pointer:/blocks/0/text/text]'],
    ['header must be plain_text', [{ type: 'header', text: { type: 'plain_text', text: 'h' } }], [{ type: 'header', text: { type: 'mrkdwn', text: 'h' } }], 'must be one of: plain_text [json-pointer:/blocks/0/text/type]'],
    ['context elements', [context(10)], [context(11)], 'no more than 10 items allowed [json-pointer:/blocks/0/elements]'],
    ['actions elements', [buttons(25)], [buttons(26)], 'no more than 25 items allowed [json-pointer:/blocks/0/elements]'],
    ['button text', [actions(button({ text: { type: 'plain_text', text: s(75) } }))], [actions(button({ text: { type: 'plain_text', text: s(76) } }))], 'must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]'],
    ['button value', [actions(button({ value: s(2000) }))], [actions(button({ value: s(2001) }))], 'must be less than 2001 characters [json-pointer:/blocks/0/elements/0/value]'],
    ['button url', [actions(button({ url: `https://e.x/${s(2988)}` }))], [actions(button({ url: `https://e.x/${s(2989)}` }))], 'must be less than 3001 characters [json-pointer:/blocks/0/elements/0/url]'],
    ['action_id', [actions(button({ action_id: s(255) }))], [actions(button({ action_id: s(256) }))], 'must be less than 256 characters [json-pointer:/blocks/0/elements/0/action_id]'],
    ['block_id', [{ ...section('a'), block_id: s(255) }], [{ ...section('a'), block_id: s(256) }], 'must be less than 256 characters [json-pointer:/blocks/0/block_id]'],
    ['unique action_id per block', [actions(button({ action_id: 'a' }), button({ action_id: 'b' }))], [actions(button({ action_id: 'a' }), button({ action_id: 'a' }))], 'action_id must be unique in the block: a [json-pointer:/blocks/0/elements/1/action_id]'],
    ['unique block_id', [{ ...section('a'), block_id: 'x' }, { ...section('b'), block_id: 'y' }], [{ ...section('a'), block_id: 'x' }, { ...section('b'), block_id: 'x' }], 'duplicate block_id: x [json-pointer:/blocks/1/block_id]'],
    ['button style', [actions(button({ style: 'danger' }))], [actions(button({ style: 'green' }))], 'must be one of: primary, danger [json-pointer:/blocks/0/elements/0/style]'],
    ['block type', [{ type: 'divider' }], [{ type: 'table_of_doom' }], 'unsupported block type: table_of_doom [json-pointer:/blocks/0/type]'],
  ];

  it.each(cases)('GIVEN %s at the limit THEN accepted; one over THEN invalid_blocks naming the json-pointer', (_name, atLimit, over, message) => {
    expect(validateMessageBlocks(atLimit)).toBeNull();
    expect(validateMessageBlocks(over)?.error).toBe('invalid_blocks');
    expect(errorsOf(over)).toContain(message);
  });

  it('GIVEN blocks whose JSON passes 12,000 characters THEN msg_blocks_too_long, although each block is valid', () => {
    const justUnder = [section(s(3000)), section(s(3000)), section(s(3000)), section(s(2700))];
    expect(JSON.stringify(justUnder).length).toBeLessThanOrEqual(12_000);
    expect(validateMessageBlocks(justUnder)).toBeNull();
    expect(validateMessageBlocks([...justUnder, section(s(300))])?.error).toBe('msg_blocks_too_long');
  });

  it('GIVEN blocks that are not an array THEN invalid_blocks_format', () => {
    expect(validateMessageBlocks({ type: 'section' })?.error).toBe('invalid_blocks_format');
  });
});

describe('the fake validates views as Slack does', () => {
  const input = (over: Record<string, unknown> = {}) => ({
    type: 'input', block_id: 'r', label: { type: 'plain_text', text: 'Why' },
    element: { type: 'plain_text_input', action_id: 'r', max_length: 3000 }, ...over,
  });
  const modal = (over: Record<string, unknown> = {}) => ({
    type: 'modal', title: { type: 'plain_text', text: s(24) }, submit: { type: 'plain_text', text: s(24) },
    close: { type: 'plain_text', text: s(24) }, blocks: [input()], ...over,
  });
  const messages = (view: unknown) => validateView(view, 'modal')?.errors ?? [];

  it('GIVEN a modal at every limit THEN accepted', () => {
    expect(validateView(modal({ callback_id: s(255), private_metadata: s(3000), blocks: Array.from({ length: 100 }, (_, i) => input({ block_id: `b${i}` })) }), 'modal')).toBeNull();
  });

  it('GIVEN one over each limit THEN invalid_arguments naming the json-pointer', () => {
    expect(validateView(modal({ title: { type: 'plain_text', text: s(25) } }), 'modal')?.error).toBe('invalid_arguments');
    expect(messages(modal({ title: { type: 'plain_text', text: s(25) } }))).toEqual(['must be less than 25 characters [json-pointer:/view/title/text]']);
    expect(messages(modal({ submit: { type: 'plain_text', text: s(25) } }))).toEqual(['must be less than 25 characters [json-pointer:/view/submit/text]']);
    expect(messages(modal({ callback_id: s(256) }))).toEqual(['must be less than 256 characters [json-pointer:/view/callback_id]']);
    expect(messages(modal({ private_metadata: s(3001) }))).toEqual(['must be less than 3001 characters [json-pointer:/view/private_metadata]']);
    expect(messages(modal({ blocks: [input({ label: { type: 'plain_text', text: s(2001) } })] }))).toEqual(['must be less than 2001 characters [json-pointer:/view/blocks/0/label/text]']);
    expect(messages(modal({ blocks: [input({ element: { type: 'plain_text_input', action_id: 'r', max_length: 3001 } })] }))).toEqual(['must be between 1 and 3000 [json-pointer:/view/blocks/0/element/max_length]']);
    expect(messages(modal({ blocks: Array.from({ length: 101 }, (_, i) => input({ block_id: `b${i}` })) }))).toEqual(['no more than 100 items allowed [json-pointer:/view/blocks]']);
    expect(messages(modal({ submit: undefined }))).toEqual(['submit is required when an input block is present [json-pointer:/view]']);
    expect(messages({ ...modal(), type: 'home' })).toEqual(['must be modal [json-pointer:/view/type]']);
  });
});
