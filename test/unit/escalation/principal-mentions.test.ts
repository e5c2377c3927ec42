import { describe, expect, it } from 'vitest';
import { addressCard } from '../../../src/escalation/post-to-channel';
import { mentionFor, mentionsOn, parsePrincipal, usersAmong } from '../../../src/escalation/principal-mentions';

describe('principals as mentions', () => {
  it('GIVEN Discord principals THEN users and roles become the forms the Discord renderer notifies', () => {
    expect(mentionFor('discord:user:123456789012345678', 'discord')).toBe('user:123456789012345678');
    expect(mentionFor('discord:role:223456789012345678', 'discord')).toBe('role:223456789012345678');
    expect(mentionFor('discord:group:323456789012345678', 'discord')).toBe('role:323456789012345678');
  });

  it('GIVEN Slack principals THEN they become bare user and user-group ids', () => {
    expect(mentionFor('slack:user:U0123ABC', 'slack')).toBe('U0123ABC');
    expect(mentionFor('slack:group:S0123ABC', 'slack')).toBe('S0123ABC');
  });

  it('GIVEN a principal of another platform, or "*" THEN it mentions nobody there', () => {
    expect(mentionFor('slack:user:U0123ABC', 'discord')).toBeNull();
    expect(mentionFor('*', 'slack')).toBeNull();
    expect(parsePrincipal('*')).toBeNull();
  });

  it('GIVEN step mentions and principals THEN each platform gets the step mentions and its own principals, without duplicates', () => {
    const principals = ['discord:role:200000000000000001', 'slack:user:UADMIN001', '*'];
    expect(mentionsOn('discord', ['@everyone', '@everyone'], principals)).toEqual(['@everyone', 'role:200000000000000001']);
    expect(mentionsOn('slack', ['@everyone'], principals)).toEqual(['@everyone', 'UADMIN001']);
  });

  it('GIVEN a free-form owner that is no principal THEN it passes through for the renderer to judge', () => {
    expect(mentionsOn('slack', [], ['U0OWNER1'])).toEqual(['U0OWNER1']);
  });

  it('GIVEN approvers mixing roles and users THEN only the users are DM-able', () => {
    expect(usersAmong(['reviewer', 'discord:user:1', 'discord:role:2', 'slack:user:U1'])).toEqual([
      { platform: 'discord', id: '1' },
      { platform: 'slack', id: 'U1' },
    ]);
    expect(usersAmong(undefined)).toEqual([]);
  });

  it('GIVEN a ladder message THEN each platform copy carries only the mentions it can notify, and none when there are none', () => {
    const card = { kind: 'reminder' as const, title: 'Reminder', summary: 's', tone: 'pending' as const, mentions: ['@here'] };
    const message = { key: 'k', subject: 's', card, stepMentions: [], principals: ['discord:user:123456789012345678'] };
    expect(addressCard(message, 'discord').mentions).toEqual(['user:123456789012345678']);
    expect(addressCard(message, 'slack')).not.toHaveProperty('mentions');
  });
});
