import { ROLE_RANK, type AdminRole } from '#contracts';
import type { Principal } from '../../common/auth/principal.js';

/**
 * Whether a principal may hand out a role: never one above its own, and a
 * superadmin role only by a superadmin (with every domain in reach).
 */
export function canGrantRole(principal: Principal, role: AdminRole): boolean {
  if (principal.role === undefined) return false;
  if (role === 'superadmin')
    return principal.role === 'superadmin' && principal.domainScope.kind === 'all';
  return ROLE_RANK[role] <= ROLE_RANK[principal.role];
}
