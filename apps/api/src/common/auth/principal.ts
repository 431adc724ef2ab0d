import { ROLE_RANK, type AdminRole, type Permission, type SessionRestriction } from '#contracts';

/** Which domains a principal may reach. `all` is reserved to superadmins. */
export type DomainScope =
  { readonly kind: 'all' } | { readonly kind: 'some'; readonly domainIds: readonly string[] };

export const ALL_DOMAINS: DomainScope = { kind: 'all' };
export const NO_DOMAINS: DomainScope = { kind: 'some', domainIds: [] };

/** Who signed in: a standalone admin account, or a mailbox (which may also hold a role). */
export interface Subject {
  readonly kind: 'admin' | 'mailbox';
  readonly id: string;
}

export interface Principal {
  readonly subject: Subject;
  readonly email: string;
  /** The admin account whose role this principal holds, if any; tokens always have one. */
  readonly adminAccountId: string | undefined;
  readonly role: AdminRole | undefined;
  readonly via: 'session' | 'token';
  readonly sessionId?: string;
  readonly tokenId?: string;
  /** A session that may only change its password or enrol 2FA first. */
  readonly restriction: SessionRestriction | undefined;
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

/**
 * What a principal may act on: identities whose role ranks no higher and whose
 * domains all lie within its scope. Used by every query that targets an identity.
 */
export interface Reach {
  readonly domainScope: DomainScope;
  readonly rank: number;
}

/** The reach of the system itself (migrations, background jobs): everything. */
export const FULL_REACH: Reach = { domainScope: ALL_DOMAINS, rank: ROLE_RANK.superadmin };

export function reachOf(principal: Principal): Reach {
  return {
    domainScope: principal.domainScope,
    rank: principal.role === undefined ? 0 : ROLE_RANK[principal.role],
  };
}

export function intersectScopes(a: DomainScope, b: DomainScope): DomainScope {
  if (a.kind === 'all') return b;
  if (b.kind === 'all') return a;
  return { kind: 'some', domainIds: a.domainIds.filter((id) => b.domainIds.includes(id)) };
}
