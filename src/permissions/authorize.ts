import type { Actor } from '../domain/actor';
import { UserError } from '../domain/errors';
import type { Role } from '../domain/statuses';
import type { FileConfig } from '../config-file';
import { describeRefusal, rolesGrant, type Permission } from './permissions';
import { isNamedApprover, resolveRoles } from './resolve-roles';

export interface GateAuthorization {
  approvers?: readonly string[];
  /** Platform-scoped id of whoever started the run. */
  runStartedBy?: { platform: string; id: string };
  /** Principals of people who are away and named this actor their delegate: their named-approver places count too. */
  onBehalfOf?: readonly string[];
}

/**
 * Checks that an actor may do something; throws a UserError('forbidden') with the sentence to
 * show. Returns the roles, for the audit row.
 */
export function authorize(
  actor: Actor,
  permission: Permission,
  config: Pick<FileConfig, 'roles' | 'permissions'>,
  gate?: GateAuthorization,
): Role[] {
  const roles = resolveRoles(actor, config);
  if (!rolesGrant(roles, permission)) {
    throw new UserError('forbidden', describeRefusal(actor, roles, permission, config.roles !== undefined), { permission, roles });
  }
  if (gate && permission === 'gate.decide') {
    const delegated = (gate.onBehalfOf ?? []).some((p) => gate.approvers?.includes(p));
    if (!delegated && !isNamedApprover(actor, roles, gate.approvers)) {
      throw new UserError('forbidden', `This gate may only be decided by ${gate.approvers!.join(', ')}.`, { permission, roles });
    }
    const self = gate.runStartedBy && gate.runStartedBy.platform === actor.platform && gate.runStartedBy.id === actor.id;
    if (self && config.permissions.forbid_self_approval && actor.platform !== 'console') {
      throw new UserError('forbidden', 'You started this run, and this workspace requires someone else to decide its gates.', {
        permission,
        roles,
      });
    }
  }
  return roles;
}
