import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../commands/index';
import { runCommandText, type DispatchDeps } from '../../../commands/dispatch';
import { issueApiToken } from '../../../src/api/auth/issue-token';
import type { Actor } from '../../../src/domain/actor';
import type { Reply } from '../../../src/domain/card';
import { testDatabases, type TestDatabaseHandle } from '../../support/databases';
import { consoleActor, startFactory, type FactoryHarness } from '../../support/factory-harness';

const viewer: Actor = { type: 'human', platform: 'discord', id: '300000000000000001', name: 'vic' };
const discordAdmin: Actor = { type: 'human', platform: 'discord', id: '300000000000000002', name: 'ada', isPlatformAdmin: true };
const text = (reply: Reply) => (reply.type === 'text' ? reply.text : '');

describe.each(testDatabases({ only: 'pglite' }))('/factory tokens on $name', ({ open }) => {
  let database: TestDatabaseHandle;
  let factory: FactoryHarness;
  let deps: DispatchDeps;
  beforeAll(async () => {
    database = await open();
    factory = await startFactory(database, { startRunner: false });
    deps = { commands: COMMANDS, service: factory.service, log: { error: () => undefined } };
  });
  afterAll(async () => {
    await factory?.stop();
    await database?.close();
  });
  const as = (actor: Actor, line: string) => runCommandText(deps, { actor, origin: { platform: actor.platform, channelId: 'c' }, now: new Date() }, line);

  it('GIVEN no tokens THEN it says how to create one', async () => {
    expect(text(await as(consoleActor, 'tokens'))).toContain('token create');
  });

  it('GIVEN tokens THEN admins see names, roles and scopes, never a secret; a viewer is refused naming the admin role', async () => {
    const { secret } = await issueApiToken(database, { name: 'ci', role: 'operator', scopes: ['runs:read', 'runs:write'], actor: consoleActor }, new Date());
    await issueApiToken(database, { name: 'triage agent', role: 'agent', scopes: ['gates:decide'], agent: true, actor: consoleActor }, new Date());
    const reply = await as(discordAdmin, 'tokens');
    expect(reply).toMatchObject({ type: 'text', ephemeral: true });
    expect(text(reply)).toContain('ci: operator, runs:read runs:write');
    expect(text(reply)).toContain('triage agent: agent (agent), gates:decide');
    expect(text(reply)).toContain('never used');
    expect(text(reply)).not.toContain(secret);
    expect(text(reply)).toContain(secret.slice(0, 9));
    const refused = await as(viewer, 'tokens');
    expect(refused).toMatchObject({ type: 'text', ephemeral: true });
    expect(text(refused)).toContain('needs the admin role');
  });
});
