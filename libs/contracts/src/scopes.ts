/**
 * Permissions are the unit of authorization. API tokens carry a subset of them as
 * scopes; roles grant a fixed set. A principal may only do what both allow.
 */
export const TOKEN_SCOPES = [
  'domains:read',
  'domains:write',
  'mailboxes:read',
  'mailboxes:write',
  'aliases:read',
  'aliases:write',
  'audit:read',
] as const;

export type TokenScope = (typeof TOKEN_SCOPES)[number];

export type Permission = TokenScope;

export function isTokenScope(value: string): value is TokenScope {
  return (TOKEN_SCOPES as readonly string[]).includes(value);
}

/** Scopes a write scope implies: anyone who may change a thing may read it. */
export function impliedScopes(scope: TokenScope): TokenScope[] {
  if (scope.endsWith(':write')) {
    const read = scope.replace(/:write$/, ':read');
    if (isTokenScope(read)) return [scope, read];
  }
  return [scope];
}
