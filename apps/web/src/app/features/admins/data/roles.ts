import type { AdminRole } from '#contracts';
import type { UserResponseDto } from '@yubin/api-client';
import type { MessageKey } from '../../../core/i18n/i18n.service';

/**
 * The roles in plain words, most powerful first. Kept here rather than imported at run
 * time from libs/contracts, whose index also carries the password dictionaries; the
 * `satisfies` and the check below keep it in step.
 */
export const ROLE_OPTIONS = [
  {
    role: 'superadmin',
    label: 'admins.roles.superadmin',
    explain: 'admins.roles.superadminExplain',
    rank: 3,
  },
  {
    role: 'domain-admin',
    label: 'admins.roles.domainAdmin',
    explain: 'admins.roles.domainAdminExplain',
    rank: 2,
  },
  {
    role: 'helpdesk',
    label: 'admins.roles.helpdesk',
    explain: 'admins.roles.helpdeskExplain',
    rank: 1,
  },
] as const satisfies readonly {
  role: AdminRole;
  label: MessageKey;
  explain: MessageKey;
  rank: number;
}[];

type Listed = (typeof ROLE_OPTIONS)[number]['role'];
// Fails to compile when libs/contracts gains a role this list does not describe.
export const everyRoleListed: Exclude<AdminRole, Listed> extends never ? true : never = true;

export type RoleOption = (typeof ROLE_OPTIONS)[number];

export function roleOption(role: AdminRole): RoleOption {
  return ROLE_OPTIONS.find((option) => option.role === role) ?? ROLE_OPTIONS[2];
}

type Granter = Pick<UserResponseDto, 'role' | 'domains'>;

/**
 * The roles the signed-in admin may hand out, as the API decides: never above their own,
 * and superadmin only by a superadmin over all domains.
 */
export function grantableRoles(user: Granter): RoleOption[] {
  const own = user.role;
  if (own === null) return [];
  const rank = roleOption(own).rank;
  return ROLE_OPTIONS.filter((option) =>
    option.role === 'superadmin'
      ? own === 'superadmin' && user.domains === null
      : option.rank <= rank,
  );
}

/** A superadmin reaches every domain; the other roles need at least one. */
export function roleNeedsDomains(role: AdminRole): boolean {
  return role !== 'superadmin';
}

/**
 * The domains an admin of some domains may grant: exactly their own, sorted. (An admin of
 * all domains searches them all instead.)
 */
export function grantableDomains(user: Pick<UserResponseDto, 'domains'>): string[] {
  return [...(user.domains ?? [])].sort((a, b) => a.localeCompare(b));
}

/** Whether the signed-in admin may change or remove an admin with this role. */
export function canManage(user: Granter, role: AdminRole): boolean {
  return grantableRoles(user).some((option) => option.role === role);
}
