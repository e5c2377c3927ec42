/** Authentication for the programmatic doors (REST, MCP): API tokens, principals, scopes. */
export { authenticateBearer } from './authenticate-bearer';
export { principalOf, type ApiPrincipal } from './api-principal';
export { requireScope } from './require-scope';
export { issueApiToken, revokeApiTokenAudited, type IssueTokenInput } from './issue-token';
export { hashTokenSecret, generateTokenSecret, TOKEN_PREFIX } from './token-secret';
export { API_SCOPES, type ApiScope } from '../../store/api-tokens.store';
