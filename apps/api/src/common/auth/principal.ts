import type { AdminRole, Permission } from '#contracts';

/** Which domains a principal may reach. `all` is reserved to unrestricted superadmins. */
export type DomainScope =
  { readonly kind: 'all' } | { readonly kind: 'some'; readonly domainIds: readonly string[] };

export const ALL_DOMAINS: DomainScope = { kind: 'all' };

export interface Principal {
  /** The admin account acting; a token acts for its owner. */
  readonly accountId: string;
  readonly email: string;
  readonly role: AdminRole;
  readonly via: 'session' | 'token';
  readonly sessionId?: string;
  readonly tokenId?: string;
  /** Effective permissions: the role's, narrowed by the token's scopes. */
  readonly permissions: ReadonlySet<Permission>;
  /** Effective domains: the role's, narrowed by the token's domain list. */
  readonly domainScope: DomainScope;
}

/** What a service needs to know about the request it serves. */
export interface RequestContext {
  readonly principal: Principal;
  readonly ip: string | undefined;
  readonly requestId: string;
}

export function scopeIncludes(scope: DomainScope, domainId: string): boolean {
  return scope.kind === 'all' || scope.domainIds.includes(domainId);
}

export function intersectScopes(a: DomainScope, b: DomainScope): DomainScope {
  if (a.kind === 'all') return b;
  if (b.kind === 'all') return a;
  return { kind: 'some', domainIds: a.domainIds.filter((id) => b.domainIds.includes(id)) };
}
