import { TOKEN_SCOPES, type Permission } from './scopes.js';

export const ADMIN_ROLES = ['superadmin'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

export const ROLE_PERMISSIONS: Readonly<Record<AdminRole, readonly Permission[]>> = {
  superadmin: TOKEN_SCOPES,
};
