import { describe, expect, it } from 'vitest';
import { ConfigFileError, modelAliasesOf, parseFileConfig } from '../../../src/config-file';

describe('factory.config.json', () => {
  it('GIVEN an empty file THEN defaults apply', () => {
    const config = parseFileConfig({});
    expect(config.roles).toBeUndefined();
    expect(config.permissions).toEqual({ forbid_self_approval: false, platform_admins_are_admins: true });
    expect(config.cards).toEqual({ gate_copies: false });
  });

  it('GIVEN cards.gate_copies THEN it parses, and a wrong type or an unknown key names its JSON path', () => {
    expect(parseFileConfig({ cards: { gate_copies: true } }).cards).toEqual({ gate_copies: true });
    expect(() => parseFileConfig({ cards: { gate_copies: 'yes' } })).toThrow(/\$\.cards\.gate_copies: .*boolean/);
    expect(() => parseFileConfig({ cards: { copies: true } })).toThrow(/\$\.cards: unknown key\(s\) "copies"/);
  });

  it('GIVEN a bad principal, an unknown key and a bad channel id THEN every error names its JSON path', () => {
    let message = '';
    try {
      parseFileConfig({ roles: { reviewer: ['discord:team:1'] }, channel: {}, channels: { tasks: { slack: 'general' } } });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigFileError);
      message = (error as Error).message;
    }
    expect(message).toContain('$.roles.reviewer[0]: write a principal as');
    expect(message).toContain('unknown key(s) "channel"');
    expect(message).toContain('$.channels.tasks.slack: a Slack channel id looks like C0123ABCD');
  });

  it('GIVEN model aliases and teams THEN they parse, and the built-in chains stay unless replaced', () => {
    const config = parseFileConfig({
      models: { aliases: { 'factory/coder': ['claude-sonnet-4-6', 'claude-haiku-4-5'], 'team/writer': ['claude-opus-4-6'] }, default: 'team/writer', request_timeout: '2m' },
      teams: { legal: { channel: 'legal', members: ['slack:group:S0LEGAL01'] } },
    });
    expect(config.models.request_timeout).toBe(120_000);
    const aliases = modelAliasesOf(config);
    expect(aliases['factory/coder']).toEqual(['claude-sonnet-4-6', 'claude-haiku-4-5']);
    expect(aliases['factory/architect']).toEqual(modelAliasesOf(parseFileConfig({}))['factory/architect']);
    expect(config.teams.legal!.members).toEqual(['slack:group:S0LEGAL01']);
  });

  it('GIVEN a bad model id, an empty chain, an unknown default alias and a team without members THEN every error names its JSON path', () => {
    let message = '';
    try {
      parseFileConfig({ models: { aliases: { 'factory/coder': ['gpt-5'], 'factory/fast': [] }, default: 'factory/writer' }, teams: { legal: { members: [] } } });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('$.models.aliases.factory/coder[0]: a model id looks like "claude-sonnet-5-5"');
    expect(message).toContain('$.models.aliases.factory/fast: an alias needs at least one model');
    expect(message).toContain('$.models.default: unknown model alias "factory/writer"');
    expect(message).toContain('$.teams.legal.members: a team needs at least one member');
  });
});
