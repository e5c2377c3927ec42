/**
 * A Slack app installed without the /factory slash command (its token lacks the `commands`
 * scope): the boot says so once, with the manifest command that fixes it. With the scope, silence.
 */
import { describe, expect, it } from 'vitest';
import { SLACK_MANIFEST_HINT } from '../../adapters/slack/slash-command-check';
import { startSlackFactory } from './slack-adapter-support';

describe('a first start on Slack', () => {
  it('GIVEN the app lacks the slash command THEN one warning gives the manifest hint; an app with it gets none', async () => {
    const without = await startSlackFactory('http', { botScopes: ['chat:write', 'im:write', 'users:read'] });
    await without.stop();
    expect(without.logged.filter((l) => l.msg === SLACK_MANIFEST_HINT)).toHaveLength(1);
    expect(SLACK_MANIFEST_HINT).toContain('npm run slack:manifest');

    const withCommand = await startSlackFactory('http');
    await withCommand.stop();
    expect(withCommand.logged.filter((l) => l.msg === SLACK_MANIFEST_HINT)).toEqual([]);
  }, 120_000);
});
