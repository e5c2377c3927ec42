import { describe, expect, it } from 'vitest';
import { html, raw } from '../../../src/web/html';
import { diffJsonByPath } from '../../../src/web/json-diff';
import { renderJsonTree } from '../../../src/web/render-json';
import { renderMarkdown } from '../../../src/web/render-markdown';
import { MAX_SHOWN_LINES, renderNumberedText } from '../../../src/web/render-text';

describe('page markup', () => {
  it('GIVEN interpolated text THEN it is escaped unless marked safe', () => {
    expect(html`<p title="${'"x"'}">${'<b>&</b>'}${raw('<i>ok</i>')}${null}${['a', '<']}</p>`.value).toBe('<p title="&quot;x&quot;">&lt;b&gt;&amp;&lt;/b&gt;<i>ok</i>a&lt;</p>');
  });
});

describe('Markdown', () => {
  it('GIVEN Markdown with script, handlers and javascript: links THEN the HTML keeps the text and drops the danger', () => {
    const out = renderMarkdown('# Title\n\n<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n[click](javascript:alert(3)) and [ok](https://example.com)\n\n| a |\n|---|\n| 1 |').value;
    expect(out).toContain('<h1>Title</h1>');
    expect(out).toContain('<table>');
    expect(out).toContain('href="https://example.com"');
    expect(out).not.toMatch(/<script|onerror|javascript:/i);
  });
});

describe('JSON', () => {
  it('GIVEN nested JSON THEN the tree folds by <details> and escapes keys and strings', () => {
    const out = renderJsonTree({ a: { b: [1, '<x>'] }, '<k>': null }).value;
    expect(out.match(/<details/g)).toHaveLength(3);
    expect(out).toContain('&quot;&lt;x&gt;&quot;');
    expect(out).not.toContain('<x>');
  });

  it('GIVEN two JSON values THEN the diff lists changes by key path', () => {
    expect(diffJsonByPath({ a: 1, b: { c: [1, 2] }, d: 'x', 'odd key': 1 }, { a: 2, b: { c: [1] }, e: true, 'odd key': 1 })).toEqual([
      { path: '$.a', kind: 'changed', before: 1, after: 2 },
      { path: '$.b.c[1]', kind: 'removed', before: 2 },
      { path: '$.d', kind: 'removed', before: 'x' },
      { path: '$.e', kind: 'added', after: true },
    ]);
  });
});

describe('numbered text', () => {
  it('GIVEN a huge text THEN only the first lines are shown and the total is counted', () => {
    const text = Array.from({ length: MAX_SHOWN_LINES * 3 }, (_, i) => `l${i}`).join('\n');
    const { markup, shownLines, totalLines } = renderNumberedText(text);
    expect(shownLines).toBe(MAX_SHOWN_LINES);
    expect(totalLines).toBe(MAX_SHOWN_LINES * 3);
    expect(markup.value.match(/class="line"/g)).toHaveLength(MAX_SHOWN_LINES);
  });
});
