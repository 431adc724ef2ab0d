import type { TokenScope } from '#contracts';
import type { MessageKey } from '../../../core/i18n/i18n.service';

/**
 * Every scope with what it allows, in plain words. `satisfies` + the exhaustiveness check
 * below keep this list in step with TOKEN_SCOPES in libs/contracts without importing it
 * at run time (that module also carries the password dictionaries).
 */
export const SCOPE_OPTIONS = [
  { scope: 'domains:read', label: 'tokens.scopes.domainsRead' },
  { scope: 'domains:write', label: 'tokens.scopes.domainsWrite' },
  { scope: 'mailboxes:read', label: 'tokens.scopes.mailboxesRead' },
  { scope: 'mailboxes:write', label: 'tokens.scopes.mailboxesWrite' },
  { scope: 'mailboxes:credentials', label: 'tokens.scopes.mailboxesCredentials' },
  { scope: 'mailboxes:import', label: 'tokens.scopes.mailboxesImport' },
  { scope: 'aliases:read', label: 'tokens.scopes.aliasesRead' },
  { scope: 'aliases:write', label: 'tokens.scopes.aliasesWrite' },
  { scope: 'audit:read', label: 'tokens.scopes.auditRead' },
  { scope: 'admins:read', label: 'tokens.scopes.adminsRead' },
  { scope: 'admins:write', label: 'tokens.scopes.adminsWrite' },
  { scope: 'spam:read', label: 'tokens.scopes.spamRead' },
  { scope: 'spam:write', label: 'tokens.scopes.spamWrite' },
] as const satisfies readonly { scope: TokenScope; label: MessageKey }[];

type Listed = (typeof SCOPE_OPTIONS)[number]['scope'];
// Fails to compile when libs/contracts gains a scope this list does not describe.
export const everyScopeListed: Exclude<TokenScope, Listed> extends never ? true : never = true;

export const EXPIRY_OPTIONS = [
  { days: 30, label: 'tokens.expiry.days30' },
  { days: 90, label: 'tokens.expiry.days90' },
  { days: 365, label: 'tokens.expiry.year' },
  { days: 0, label: 'tokens.expiry.never' },
] as const satisfies readonly { days: number; label: MessageKey }[];

export function expiryDate(days: number, now = new Date()): string | undefined {
  if (days <= 0) return undefined;
  return new Date(now.getTime() + days * 86_400_000).toISOString();
}
