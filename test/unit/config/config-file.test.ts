import { describe, expect, it } from 'vitest';
import { ConfigFileError, parseFileConfig } from '../../../src/config-file';

describe('factory.config.json', () => {
  it('GIVEN an empty file THEN defaults apply', () => {
    const config = parseFileConfig({});
    expect(config.roles).toBeUndefined();
    expect(config.permissions).toEqual({ forbid_self_approval: false, platform_admins_are_admins: true });
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
});
