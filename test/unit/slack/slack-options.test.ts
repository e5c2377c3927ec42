import { describe, expect, it } from 'vitest';
import { resolveSlackOptions, slackGroupIds, slackOptionsFromEnv } from '../../../adapters/slack/slack-options';
import { ConfigError, readEnv } from '../../../src/config';
import { parseFileConfig } from '../../../src/config-file';

describe('resolveSlackOptions (boot checks)', () => {
  it('GIVEN an app token THEN Socket Mode; GIVEN only a signing secret THEN HTTP mode; the API URL gets its trailing slash', () => {
    expect(resolveSlackOptions({ botToken: 'xoxb-1', appToken: 'xapp-1', signingSecret: 's' }).mode).toBe('socket');
    const http = resolveSlackOptions({ botToken: 'xoxb-1', signingSecret: 's', apiUrl: 'http://127.0.0.1:9/api' });
    expect(http).toMatchObject({ mode: 'http', apiUrl: 'http://127.0.0.1:9/api/', groupIds: [] });
    expect(http.retryConfig.retries).toBeGreaterThanOrEqual(0);
  });

  it('GIVEN a setup Slack cannot use THEN a ConfigError that names the variable and where its value comes from', () => {
    const attempt = (o: Parameters<typeof resolveSlackOptions>[0]) => () => resolveSlackOptions(o);
    expect(attempt({ botToken: 'xoxb-1' })).toThrow(ConfigError);
    expect(attempt({ botToken: 'xoxb-1' })).toThrow(/SLACK_APP_TOKEN.*Socket Mode.*SLACK_SIGNING_SECRET.*\/slack\/events/s);
    expect(attempt({ botToken: '', appToken: 'xapp-1' })).toThrow(/SLACK_BOT_TOKEN is not set.*OAuth & Permissions/);
    expect(attempt({ botToken: 'xoxp-user', appToken: 'xapp-1' })).toThrow(/"xoxb-"/);
    expect(attempt({ botToken: 'xoxb-1', appToken: 'xoxb-1' })).toThrow(/connections:write/);
  });
});

describe('slackOptionsFromEnv', () => {
  const config = parseFileConfig({ roles: { reviewer: ['slack:group:S0REVIEW', 'slack:user:U1', 'discord:role:123456789012345678'], admin: ['slack:group:S0ADMINS', 'slack:group:S0REVIEW'] } });

  it('GIVEN no Slack variable THEN null (Slack is off)', () => {
    expect(slackOptionsFromEnv(readEnv({}), config)).toBeNull();
  });

  it('GIVEN a secret without a bot token THEN an error instead of Slack silently off', () => {
    expect(() => slackOptionsFromEnv(readEnv({ SLACK_SIGNING_SECRET: 's' }), config)).toThrow(/SLACK_SIGNING_SECRET is set but SLACK_BOT_TOKEN is not/);
  });

  it('GIVEN the variables THEN the options carry them, the configured user groups, and the overrides', () => {
    const env = readEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_API_URL: 'http://127.0.0.1:1/api/', PUBLIC_BASE_URL: 'https://f.example.com' });
    expect(slackOptionsFromEnv(env, config, { socketPingTimeoutMs: 1000 })).toEqual({
      botToken: 'xoxb-1', appToken: 'xapp-1', signingSecret: undefined, apiUrl: 'http://127.0.0.1:1/api/', publicBaseUrl: 'https://f.example.com',
      groupIds: ['S0REVIEW', 'S0ADMINS'], socketPingTimeoutMs: 1000,
    });
  });

  it('GIVEN groups named as owner or people THEN they count too, once each', () => {
    expect(slackGroupIds({ roles: undefined, owner: 'slack:group:S0OWNERS', people: { 'slack:group:S0OWNERS': { quiet_hours: undefined as never } } })).toEqual(['S0OWNERS']);
  });
});
