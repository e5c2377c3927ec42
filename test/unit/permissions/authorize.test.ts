import { describe, expect, it } from 'vitest';
import { authorize } from '../../../src/permissions/authorize';
import { resolveRoles } from '../../../src/permissions/resolve-roles';
import { parseFileConfig } from '../../../src/config-file';
import { UserError } from '../../../src/domain/errors';
import type { Actor } from '../../../src/domain/actor';

const discordUser = (over: Partial<Actor> = {}): Actor => ({ type: 'human', platform: 'discord', id: '111', name: 'ana', ...over });
const noRoles = parseFileConfig({});
const withRoles = parseFileConfig({
  roles: { reviewer: ['discord:role:900'], operator: ['slack:user:U1'], viewer: ['*'] },
  permissions: { forbid_self_approval: true },
});

function refusal(fn: () => unknown): UserError {
  try {
    fn();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('roles', () => {
  it('GIVEN no roles config THEN the console user is owner, a platform admin is admin, others only read', () => {
    expect(resolveRoles({ type: 'human', platform: 'console', id: 'console', name: 'you' }, noRoles)).toEqual(['owner']);
    expect(resolveRoles(discordUser({ isPlatformAdmin: true }), noRoles)).toEqual(['admin']);
    expect(resolveRoles(discordUser(), noRoles)).toEqual(['viewer']);
  });

  it('GIVEN roles mapped to a Discord role id THEN a member with that role is a reviewer', () => {
    expect(resolveRoles(discordUser({ groups: ['900'] }), withRoles).sort()).toEqual(['reviewer', 'viewer']);
    expect(resolveRoles(discordUser({ groups: ['901'] }), withRoles)).toEqual(['viewer']);
  });
});

describe('authorize', () => {
  it('GIVEN a viewer deciding a gate THEN the refusal names the role needed and how to configure it', () => {
    const error = refusal(() => authorize(discordUser(), 'gate.decide', noRoles));
    expect(error.code).toBe('forbidden');
    expect(error.message).toContain('needs the reviewer role');
    expect(error.message).toContain('factory.config.json');
    expect(error.message).toContain('discord:role:');
  });

  it('GIVEN a reviewer THEN deciding is allowed and starting a run is refused', () => {
    expect(authorize(discordUser({ groups: ['900'] }), 'gate.decide', withRoles)).toContain('reviewer');
    expect(refusal(() => authorize(discordUser({ groups: ['900'] }), 'run.create', withRoles)).message).toContain('operator role');
  });

  it('GIVEN named approvers THEN a reviewer outside the list is refused', () => {
    const error = refusal(() => authorize(discordUser({ groups: ['900'] }), 'gate.decide', withRoles, { approvers: ['discord:user:222'] }));
    expect(error.message).toBe('This gate may only be decided by discord:user:222.');
    expect(authorize(discordUser({ id: '222', groups: ['900'] }), 'gate.decide', withRoles, { approvers: ['discord:user:222'] })).toContain('reviewer');
  });

  it('GIVEN forbid_self_approval THEN the person who started the run cannot decide its gate', () => {
    const actor = discordUser({ groups: ['900'] });
    const error = refusal(() => authorize(actor, 'gate.decide', withRoles, { runStartedBy: { platform: 'discord', id: '111' } }));
    expect(error.message).toContain('someone else');
    expect(authorize(actor, 'gate.decide', withRoles, { runStartedBy: { platform: 'discord', id: '333' } })).toContain('reviewer');
  });
});
