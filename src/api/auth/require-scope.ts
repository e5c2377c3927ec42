import type { ApiScope } from '../../store/api-tokens.store';
import { ApiProblem } from '../problem';
import type { ApiPrincipal } from './api-principal';

/** Throws a 403 problem unless the token carries the scope. Roles are checked by the service, as for chat. */
export function requireScope(principal: ApiPrincipal, scope: ApiScope): void {
  if (principal.scopes.includes(scope)) return;
  throw new ApiProblem(403, 'missing_scope', `This token lacks the "${scope}" scope; it has ${principal.scopes.length ? principal.scopes.join(', ') : 'none'}.`, {
    required_scope: scope,
  });
}
