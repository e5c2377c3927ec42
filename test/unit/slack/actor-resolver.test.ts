import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackActorResolver } from '../../../adapters/slack/actor-resolver';
import { silentLogger } from '../../../src/log';
import { startFakeSlack, type FakeSlack, type FakeUser } from '../../fakes/slack';
import { quietLogger } from '../../fakes/slack/quiet-logger';

let fake: FakeSlack;
let client: webApi.WebClient;
beforeAll(async () => {
  fake = await startFakeSlack({
    users: [{ id: 'U0ANA00001', name: 'ana', real_name: 'Ana Lima' }, { id: 'U0BOSS0001', name: 'bo', is_admin: true } as FakeUser],
    usergroups: { S0REVIEWRS: ['U0ANA00001'], S0OTHERS01: ['U0BOSS0001'] },
  });
  client = new webApi.WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logger: quietLogger() });
});
afterAll(() => fake.close());

function resolver(now = () => new Date()) {
  return new SlackActorResolver({ client, groupIds: ['S0REVIEWRS', 'S0OTHERS01', 'S0MISSING1'], now, log: silentLogger() });
}

describe('SlackActorResolver', () => {
  it('GIVEN a member of a configured user group THEN her display name and that group; a missing group grants nothing', async () => {
    expect(await resolver().resolve('U0ANA00001', 'payload-name')).toEqual({
      type: 'human', platform: 'slack', id: 'U0ANA00001', name: 'ana', groups: ['S0REVIEWRS'], isPlatformAdmin: false,
    });
  });

  it('GIVEN a workspace admin THEN isPlatformAdmin', async () => {
    expect(await resolver().resolve('U0BOSS0001')).toMatchObject({ isPlatformAdmin: true, groups: ['S0OTHERS01'] });
  });

  it('GIVEN repeated requests THEN Slack is asked once per person and group until the cache expires', async () => {
    let t = Date.parse('2025-03-04T14:00:00Z');
    const r = resolver(() => new Date(t));
    const count = () => fake.callsTo('users.info').length + fake.callsTo('usergroups.users.list').length;
    await r.resolve('U0ANA00001');
    const after = count();
    await Promise.all([r.resolve('U0ANA00001'), r.resolve('U0ANA00001')]);
    expect(count()).toBe(after);
    t += 61_000;
    await r.resolve('U0ANA00001');
    expect(fake.callsTo('usergroups.users.list').length).toBeGreaterThan(0);
    expect(count()).toBeGreaterThan(after);
  });

  it('GIVEN Slack cannot answer THEN the payload name, no groups, no admin flag: the permission check refuses rather than guesses', async () => {
    fake.failNext('usergroups.users.list', { status: 500, times: 3 });
    const r = resolver();
    expect(await r.resolve('U0UNKNOWN1', 'zoe')).toEqual({ type: 'human', platform: 'slack', id: 'U0UNKNOWN1', name: 'zoe', groups: [], isPlatformAdmin: false });
    // The 500s are forgotten, so the next request asks again and finds the group.
    const lists = fake.callsTo('usergroups.users.list').length;
    expect((await r.resolve('U0ANA00001')).groups).toEqual(['S0REVIEWRS']);
    expect(fake.callsTo('usergroups.users.list').length).toBeGreaterThan(lists);
  });
});
