import { ROLE_PERMISSIONS, type Permission, type SessionRestriction } from '#contracts';
import {
  ALL_DOMAINS,
  NO_DOMAINS,
  type DomainScope,
  type Principal,
} from '../../common/auth/principal.js';
import type { Identity } from './identity.js';

export interface PrincipalOrigin {
  via: 'session' | 'token';
  sessionId?: string;
  tokenId?: string;
  restriction?: SessionRestriction | null;
}

/** The rights an identity holds by its role: none for a plain mailbox user. */
export function roleRights(identity: Identity): {
  permissions: Set<Permission>;
  domainScope: DomainScope;
} {
  const role = identity.role;
  if (role === undefined || !role.active)
    return { permissions: new Set(), domainScope: NO_DOMAINS };
  return {
    permissions: new Set(ROLE_PERMISSIONS[role.role]),
    domainScope:
      role.role === 'superadmin' ? ALL_DOMAINS : { kind: 'some', domainIds: role.domainIds },
  };
}

export function principalFor(identity: Identity, origin: PrincipalOrigin): Principal {
  const rights = roleRights(identity);
  const activeRole = identity.role?.active === true ? identity.role : undefined;
  return {
    subject: identity.subject,
    email: identity.email,
    adminAccountId: activeRole?.adminAccountId,
    role: activeRole?.role,
    via: origin.via,
    ...(origin.sessionId === undefined ? {} : { sessionId: origin.sessionId }),
    ...(origin.tokenId === undefined ? {} : { tokenId: origin.tokenId }),
    restriction: origin.restriction ?? undefined,
    permissions: rights.permissions,
    domainScope: rights.domainScope,
  };
}
