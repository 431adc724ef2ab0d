import { createHash } from 'node:crypto';

/**
 * The mail server's two database roles, named after the database they serve: roles
 * belong to the whole PostgreSQL server, so two Yubins on one server (a staging copy, a
 * test run) each need their own, or each would reset the other's passwords at start.
 * The database `yubin` keeps the historic names `yubin_mail_reader` and `yubin_mail_quota`.
 *
 * The migrations create and grant to the roles with a frozen copy of this rule
 * (migrations/mail-roles-1796210000000.ts): change the rule here only together with a
 * migration that moves the roles to the new names.
 */
export interface MailRoleNames {
  /** Postfix's lookups and Dovecot's passdb/userdb: SELECT on the mailserver views. */
  reader: string;
  /** Dovecot's quota dict: writes mailserver.quota_usage. */
  quotaWriter: string;
}

/** Room for the longest suffix in PostgreSQL's 63-byte names. */
const BASE_MAX = 63 - '_mail_reader'.length;

export function mailRoleNames(databaseName: string): MailRoleNames {
  let base = databaseName.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  if (!/^[a-z_]/.test(base)) base = `_${base}`;
  if (base !== databaseName || base.length > BASE_MAX) {
    // Two names that fold to the same text (my-db, my_db, My_db) stay apart.
    const digest = createHash('sha256').update(databaseName).digest('hex').slice(0, 8);
    base = `${base.slice(0, BASE_MAX - 9)}_${digest}`;
  }
  return { reader: `${base}_mail_reader`, quotaWriter: `${base}_mail_quota` };
}
