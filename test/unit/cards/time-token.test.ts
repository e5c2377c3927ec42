import { describe, expect, it } from 'vitest';
import { renderCardForTerminal } from '../../../adapters/console/render-card';
import { stripAnsi } from '../../../adapters/console/render-text-width';
import { renderCard as renderDiscord } from '../../../adapters/discord/render-card';
import { textMessage } from '../../../adapters/discord/message-options';
import { renderCard as renderSlack } from '../../../adapters/slack/render-card';
import { buildGateCard } from '../../../src/cards/gate-card';
import { renderTimeTokens, timeToken, timeTokensAsText } from '../../../src/domain/time-token';
import { BASE_URL, NOW, makeGate, minutesFromNow } from './fixtures';

const OPENED = minutesFromNow(-100);
const DEADLINE = minutesFromNow(200);
const seconds = (d: Date) => Math.floor(d.getTime() / 1000);
const gateCard = () => buildGateCard(makeGate({ openedAt: OPENED, deadlineAt: DEADLINE }), { now: NOW, publicBaseUrl: BASE_URL });

describe('time tokens', () => {
  it('GIVEN a token THEN it round-trips its moment, style and fallback, and reads as the fallback in plain text', () => {
    const text = `due ${timeToken(DEADLINE, 'relative', 'in 3h 20m')} and at ${timeToken(OPENED, 'datetime', '12:20 UTC')}`;
    const seen: string[] = [];
    renderTimeTokens(text, (t) => {
      seen.push(`${t.at.toISOString()} ${t.style} ${t.fallback}`);
      return '';
    });
    expect(seen).toEqual([`${DEADLINE.toISOString()} relative in 3h 20m`, `${OPENED.toISOString()} datetime 12:20 UTC`]);
    expect(timeTokensAsText(text)).toBe('due in 3h 20m and at 12:20 UTC');
  });

  it('GIVEN a pending gate card THEN the card itself holds neutral tokens, never platform markup', () => {
    const card = gateCard();
    const text = JSON.stringify(card);
    expect(text).toContain(`⟦t:${seconds(DEADLINE)}:R|in 3h 20m (17:20 UTC)⟧`);
    expect(text).not.toMatch(/<t:|<!date/);
  });

  it('GIVEN the gate card on Discord THEN SLA and opened time are <t:…:R> markup, titles and buttons plain', () => {
    const embed = renderDiscord(gateCard()).embeds[0]!;
    const field = (name: string) => embed.fields?.find((f) => f.name === name)?.value;
    expect(field('SLA')).toBe(`due <t:${seconds(DEADLINE)}:R>`);
    expect(field('Opened')).toBe(`<t:${seconds(OPENED)}:R>`);
    expect(JSON.stringify(embed)).not.toContain('⟦');
  });

  it('GIVEN a text reply with a clock token on Discord THEN it becomes <t:…:f>', () => {
    expect(textMessage(`Approved at ${timeToken(OPENED, 'datetime', '12:20 UTC')}.`).content).toBe(`Approved at <t:${seconds(OPENED)}:f>.`);
  });

  it('GIVEN the gate card on Slack THEN the SLA is <!date> with the fallback words', () => {
    const message = renderSlack(gateCard(), { publicBaseUrl: BASE_URL });
    const text = JSON.stringify(message.blocks);
    expect(text).toContain(`due <!date^${seconds(DEADLINE)}^{date_short_pretty} {time}|in 3h 20m (17:20 UTC)>`);
    expect(text).toContain(`<!date^${seconds(OPENED)}^{date_short_pretty} {time}|1h 40m ago>`);
    expect(text + message.text).not.toContain('⟦');
  });

  it('GIVEN the gate card in the console THEN it shows readable words', () => {
    const out = stripAnsi(renderCardForTerminal(gateCard(), { width: 100, color: false }).text);
    expect(out).toContain('due in 3h 20m (17:20 UTC)');
    expect(out).toContain('1h 40m ago');
    expect(out).not.toContain('⟦');
  });
});
