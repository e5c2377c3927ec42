import { describe, expect, it } from 'vitest';
import { MAX_PRIVATE_METADATA } from '../../../adapters/slack/limits';
import { decodeModalContext, encodeModalContext } from '../../../adapters/slack/modal-context';
import { readValues } from '../../../adapters/slack/on-view-submission';

describe('modal context in private_metadata', () => {
  it('GIVEN where a form was opened THEN it survives the round trip and stays far below 3000 characters', () => {
    const context = { channelId: 'C0ORIGIN01', messageTs: '1700000000.000100', threadTs: '1700000000.000001' };
    const text = encodeModalContext(context);
    expect(text.length).toBeLessThan(MAX_PRIVATE_METADATA / 10);
    expect(decodeModalContext(text)).toEqual(context);
    expect(decodeModalContext(encodeModalContext({}))).toEqual({});
  });

  it('GIVEN metadata that is not ours THEN no context, never an exception', () => {
    for (const junk of [undefined, '', 'gate:42', '{"v":2,"c":"C1"}', '[1,2]', '{"v":1,"c":5}', 'null']) expect(decodeModalContext(junk)).toEqual({});
  });
});

describe('readValues', () => {
  it('GIVEN Slack’s view state THEN one text per field id, empty for a field left blank', () => {
    const state = { values: { reason: { reason: { type: 'plain_text_input', value: 'needs work' } }, note: { other: { type: 'plain_text_input', value: null } } } };
    expect(readValues({ state } as never)).toEqual({ reason: 'needs work', note: '' });
  });
});
