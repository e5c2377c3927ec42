import { describe, expect, it } from 'vitest';
import { measureWidth, stripAnsi, wrapText } from '../../../adapters/console/render-text-width';

describe('terminal text width', () => {
  it.each([
    ['abc', 3],
    ['', 0],
    ['\u001b[31mred\u001b[0m', 3],
    ['日本語', 6],
    ['✅ done', 7],
    ['⏭️', 2],
    ['👩‍💻', 2],
    ['🇩🇪', 2],
    ['é', 1],
    ['▰▱', 2],
  ])('GIVEN %j THEN it takes %i columns', (text, width) => {
    expect(measureWidth(text)).toBe(width);
  });

  it('GIVEN ANSI codes THEN stripAnsi removes them', () => {
    expect(stripAnsi('\u001b[1m\u001b[32mok\u001b[0m')).toBe('ok');
  });

  it('GIVEN a sentence THEN it wraps at word boundaries within the width', () => {
    expect(wrapText('the quick brown fox jumps over the lazy dog', 10)).toEqual(['the quick', 'brown fox', 'jumps over', 'the lazy', 'dog']);
  });

  it('GIVEN a word longer than the line THEN it is broken between characters', () => {
    const lines = wrapText(`see ${'x'.repeat(25)} end`, 10);
    expect(lines).toEqual(['see', 'xxxxxxxxxx', 'xxxxxxxxxx', 'xxxxx end']);
  });

  it('GIVEN wide characters THEN lines respect columns, not string length', () => {
    const lines = wrapText('日本語のテキストはとても長いです', 9);
    for (const line of lines) expect(measureWidth(line)).toBeLessThanOrEqual(9);
    expect(lines.join('')).toBe('日本語のテキストはとても長いです');
  });

  it('GIVEN emoji at a break THEN an emoji is never split', () => {
    const lines = wrapText('👩‍💻👩‍💻👩‍💻', 3);
    expect(lines).toEqual(['👩‍💻', '👩‍💻', '👩‍💻']);
  });

  it('GIVEN newlines, indentation and tabs THEN lines and leading indentation are kept', () => {
    expect(wrapText('{\n  "a": 1,\n\t"b": 2\n}', 20)).toEqual(['{', '  "a": 1,', '  "b": 2', '}']);
    expect(wrapText('a\n\nb', 5)).toEqual(['a', '', 'b']);
  });
});
