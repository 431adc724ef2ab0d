import { TOKEN_SCOPES, type Permission } from './scopes.js';

/** Administrative roles, from most to least powerful. */
export const ADMIN_ROLES = ['superadmin', 'domain-admin', 'helpdesk'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

export const ROLE_PERMISSIONS: Readonly<Record<AdminRole, readonly Permission[]>> = {
  superadmin: TOKEN_SCOPES,
  'domain-admin': [
    'domains:read',
    'domains:write',
    'mailboxes:read',
    'mailboxes:write',
    'mailboxes:credentials',
    'aliases:read',
    'aliases:write',
    'audit:read',
    'admins:read',
    'admins:write',
    'spam:read',
    'spam:write',
  ],
  helpdesk: ['domains:read', 'mailboxes:read', 'mailboxes:credentials', 'spam:read'],
};

/** Higher is more powerful; a principal may only act on principals of its rank or below. */
export const ROLE_RANK: Readonly<Record<AdminRole, number>> = {
  superadmin: 3,
  'domain-admin': 2,
  helpdesk: 1,
};

export function isAdminRole(value: string): value is AdminRole {
  return (ADMIN_ROLES as readonly string[]).includes(value);
}
