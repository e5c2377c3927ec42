import { describe, expect, it } from 'vitest';
import { BOT_SCOPES, buildSlackManifest, usageHint } from '../../../adapters/slack/build-manifest';
import { manifestOptions } from '../../../adapters/slack/manifest';
import { COMMANDS } from '../../../commands/index';
import type { AnyCommand } from '../../../commands/types';

describe('buildSlackManifest', () => {
  it('GIVEN Socket Mode THEN one /factory command with every subcommand in its usage hint, the scopes, interactivity, Home and no request URL', () => {
    const manifest = buildSlackManifest(COMMANDS, { socketMode: true });
    const [command, ...others] = manifest.features?.slash_commands ?? [];
    expect(others).toEqual([]);
    expect(command).toMatchObject({ command: '/factory', should_escape: false });
    expect(command?.url).toBeUndefined();
    for (const c of COMMANDS) expect(command?.usage_hint).toContain(c.usage);
    expect(manifest.oauth_config?.scopes?.bot).toEqual(['commands', 'chat:write', 'chat:write.public', 'im:write', 'users:read', 'usergroups:read']);
    expect(manifest.settings).toMatchObject({ socket_mode_enabled: true, interactivity: { is_enabled: true }, event_subscriptions: { bot_events: ['app_home_opened'] } });
    expect(manifest.settings?.interactivity?.request_url).toBeUndefined();
    expect(manifest.features?.app_home?.home_tab_enabled).toBe(true);
    expect(JSON.parse(JSON.stringify(manifest))).toEqual(manifest);
  });

  it('GIVEN HTTP mode with a public URL THEN the command, events and interactivity all point at /slack/events', () => {
    const manifest = buildSlackManifest(COMMANDS, { socketMode: false, publicBaseUrl: 'https://factory.example.com/' });
    const url = 'https://factory.example.com/slack/events';
    expect(manifest.features?.slash_commands?.[0]?.url).toBe(url);
    expect(manifest.settings?.event_subscriptions?.request_url).toBe(url);
    expect(manifest.settings?.interactivity?.request_url).toBe(url);
    expect(manifest.settings?.socket_mode_enabled).toBe(false);
  });

  it('GIVEN HTTP mode without an https URL THEN it refuses and says what to set', () => {
    expect(() => buildSlackManifest(COMMANDS, { socketMode: false })).toThrow(/PUBLIC_BASE_URL.*Socket Mode/);
    expect(() => buildSlackManifest(COMMANDS, { socketMode: false, publicBaseUrl: 'http://insecure.example.com' })).toThrow(/https/);
  });

  it('GIVEN a long name THEN Slack’s limits hold: name ≤35, description ≤140, bot display name in a-z0-9._-', () => {
    const manifest = buildSlackManifest(COMMANDS, { socketMode: true, name: 'Acme Corporation Process Factory (Staging Environment)' });
    expect(manifest.display_information.name.length).toBeLessThanOrEqual(35);
    expect((manifest.display_information.description ?? '').length).toBeLessThanOrEqual(140);
    expect(manifest.features?.bot_user?.display_name).toMatch(/^[a-z0-9._-]{1,80}$/);
    const long = manifest.display_information.long_description ?? '';
    expect(long.length).toBeGreaterThanOrEqual(175);
    expect(long.length).toBeLessThanOrEqual(4000);
  });

  it('GIVEN more subcommands than fit THEN the usage hint stops at a whole subcommand within 1000 characters', () => {
    const many = Array.from({ length: 80 }, (_, i) => ({ ...COMMANDS[0], name: `cmd${i}`, usage: `cmd${i} <argument-${i}>` }) as AnyCommand);
    const hint = usageHint(many);
    expect(hint.length).toBeLessThanOrEqual(1000);
    expect(hint.endsWith('>')).toBe(true);
    expect(BOT_SCOPES).toContain('commands');
  });
});

describe('manifestOptions (the npm run slack:manifest flags)', () => {
  it('GIVEN flags or only the environment THEN the mode follows the flags first', () => {
    expect(manifestOptions(['--socket'], { PUBLIC_BASE_URL: 'https://x.example.com' })).toEqual({ socketMode: true, name: undefined });
    expect(manifestOptions(['--http', 'https://x.example.com', '--name', 'Acme'], {})).toEqual({ socketMode: false, publicBaseUrl: 'https://x.example.com', name: 'Acme' });
    expect(manifestOptions([], { PUBLIC_BASE_URL: 'https://x.example.com' })).toMatchObject({ socketMode: false, publicBaseUrl: 'https://x.example.com' });
    expect(manifestOptions([], { SLACK_APP_TOKEN: 'xapp-1', PUBLIC_BASE_URL: 'https://x.example.com' })).toMatchObject({ socketMode: true });
    expect(manifestOptions([], {})).toMatchObject({ socketMode: true });
  });
});
