import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, formatMention, slackDate, toMrkdwn, truncateMrkdwn, truncatePlain } from '../../../adapters/slack/mrkdwn';

describe('toMrkdwn', () => {
  it('GIVEN the cards Markdown-ish dialect THEN Slack mrkdwn', () => {
    expect(toMrkdwn('**bold** and *italic* and ~~gone~~')).toBe('*bold* and _italic_ and ~gone~');
    expect(toMrkdwn('# Plan\n## Risks ##\nbody')).toBe('*Plan*\n*Risks*\nbody');
    expect(toMrkdwn('see [the log](https://ci.example/x?a=1&b=2)')).toBe('see <https://ci.example/x?a=1&amp;b=2|the log>');
  });

  it('GIVEN arithmetic or lone asterisks THEN they are not turned into emphasis', () => {
    expect(toMrkdwn('2 * 3 * 4 and a*b')).toBe('2 * 3 * 4 and a*b');
  });

  it('GIVEN code spans and fences THEN their content is escaped but not converted', () => {
    expect(toMrkdwn('`**x** <y>` then **z**')).toBe('`**x** &lt;y&gt;` then *z*');
    expect(toMrkdwn('```\n**keep** & <b>\n```')).toBe('```\n**keep** &amp; &lt;b&gt;\n```');
  });

  it('GIVEN Slack control sequences in text THEN they are escaped and cannot mention anyone', () => {
    expect(escapeMrkdwn('<!channel> <@U123> a & b')).toBe('&lt;!channel&gt; &lt;@U123&gt; a &amp; b');
    expect(toMrkdwn('[click](javascript:alert(1))')).toBe('[click](javascript:alert(1))');
  });
});

describe('truncateMrkdwn', () => {
  const marker = '\n…';

  it('GIVEN text within the limit THEN it is returned unchanged', () => {
    expect(truncateMrkdwn('short', 10, marker)).toBe('short');
  });

  it('GIVEN a limit that falls inside an entity or a link THEN the cut moves before it', () => {
    const entity = `${'a'.repeat(8)}&amp;tail`;
    expect(truncateMrkdwn(entity, 13, marker)).toBe(`${'a'.repeat(8)}${marker}`);
    const link = `see <https://example.com/a/very/long/path|label> after`;
    expect(truncateMrkdwn(link, 30, marker)).toBe(`see${marker}`);
  });

  it('GIVEN a limit inside a code fence THEN the fence is closed before the marker', () => {
    const out = truncateMrkdwn(`intro\n\`\`\`\n${'code '.repeat(50)}\n\`\`\``, 80, marker);
    expect(out.length).toBeLessThanOrEqual(80);
    expect(out.endsWith(`\n\`\`\`${marker}`)).toBe(true);
    expect(out.split('```').length - 1).toBe(2);
  });

  it('GIVEN emoji at the cut THEN no surrogate pair is split', () => {
    const out = truncateMrkdwn('😀'.repeat(50), 21, marker);
    expect(out.length).toBeLessThanOrEqual(21);
    expect(out).toBe(`${'😀'.repeat(9)}${marker}`);
    expect(truncatePlain('😀'.repeat(50), 10)).toBe(`${'😀'.repeat(4)}…`);
  });

  it('GIVEN words near the limit THEN the cut prefers a word boundary', () => {
    expect(truncateMrkdwn('alpha beta gamma delta', 15, marker)).toBe(`alpha beta${marker}`);
  });
});

describe('formatMention and slackDate', () => {
  it('GIVEN each mention spelling THEN Slack syntax, or null for what is not a Slack id', () => {
    expect(['@here', 'channel', '@EVERYONE', 'U0AB12', 'W0AB12', 'S0GRP1', '<@U0AB12>', '<!subteam^S0GRP1>', '123456789012345678', 'ana', '<!foo>'].map(formatMention))
      .toEqual(['<!here>', '<!channel>', '<!everyone>', '<@U0AB12>', '<@W0AB12>', '<!subteam^S0GRP1>', '<@U0AB12>', '<!subteam^S0GRP1>', null, null, null]);
  });

  it('GIVEN a date THEN a <!date> token with an ISO fallback', () => {
    expect(slackDate(new Date('2023-11-14T22:13:20.900Z'))).toBe('<!date^1700000000^{date_short_pretty} {time}|2023-11-14T22:13:20.900Z>');
  });
});
