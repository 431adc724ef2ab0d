/**
 * Permissions are the unit of authorization. API tokens carry a subset of them as
 * scopes; roles grant a fixed set. A principal may only do what both allow.
 */
export const TOKEN_SCOPES = [
  'domains:read',
  'domains:write',
  'mailboxes:read',
  'mailboxes:write',
  /** Reset passwords and 2FA, unlock accounts, issue and revoke app passwords: what helpdesk staff do. */
  'mailboxes:credentials',
  /** Create mailboxes with password hashes imported from another system. */
  'mailboxes:import',
  'aliases:read',
  'aliases:write',
  'audit:read',
  'admins:read',
  'admins:write',
  /** Spam policies and sender allow/block rules, and which rule decides for a sender. */
  'spam:read',
  'spam:write',
] as const;

export type TokenScope = (typeof TOKEN_SCOPES)[number];

export type Permission = TokenScope;

export function isTokenScope(value: string): value is TokenScope {
  return (TOKEN_SCOPES as readonly string[]).includes(value);
}

const IMPLIES: Partial<Record<TokenScope, TokenScope[]>> = {
  'domains:write': ['domains:read'],
  'mailboxes:write': ['mailboxes:read', 'mailboxes:credentials'],
  'mailboxes:credentials': ['mailboxes:read'],
  'aliases:write': ['aliases:read'],
  'admins:write': ['admins:read'],
  'spam:write': ['spam:read'],
};

/** A scope and every scope it includes: who may change a thing may read it. */
export function impliedScopes(scope: TokenScope): TokenScope[] {
  return [scope, ...(IMPLIES[scope] ?? []).flatMap(impliedScopes)];
}
