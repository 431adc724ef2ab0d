import { Injectable } from '@nestjs/common';
import type { AdminRole, TwoFactorPolicy } from '#contracts';
import type { Subject } from '../../common/auth/principal.js';
import type { Locale } from '../../common/i18n/locale.js';
import { Database } from '../../infra/database/database.js';
import type { Identity, IdentityWithPassword } from './identity.js';

interface Row {
  kind: 'admin' | 'mailbox';
  id: string;
  email: string;
  display_name: string;
  password_hash: string | null;
  must_change_password: boolean;
  created_at: Date;
  totp_enabled: boolean;
  language: Locale | null;
  domain_id: string | null;
  domain_name: string | null;
  two_factor_policy: TwoFactorPolicy | null;
  two_factor_grace_days: number | null;
  two_factor_required_since: Date | null;
  password_min_length: number | null;
  password_min_score: number | null;
  domain_language: Locale | null;
  admin_id: string | null;
  role: AdminRole | null;
  admin_active: boolean | null;
  admin_domain_ids: string[];
}

const ADMIN_DOMAINS = `coalesce(array(SELECT ad.domain_id FROM admin_domain ad WHERE ad.admin_id = a.id), '{}')`;

/** A standalone admin account that can sign in by itself. */
const STANDALONE = `
  SELECT 'admin' AS kind, a.id, a.email, '' AS display_name, a.password_hash, a.must_change_password,
         a.created_at,
         EXISTS (SELECT 1 FROM totp_factor t WHERE t.admin_id = a.id AND t.confirmed_at IS NOT NULL) AS totp_enabled,
         a.language,
         NULL::uuid AS domain_id, NULL AS domain_name, NULL AS two_factor_policy, NULL::int AS two_factor_grace_days,
         NULL::timestamptz AS two_factor_required_since, NULL::int AS password_min_length,
         NULL::smallint AS password_min_score, NULL AS domain_language,
         a.id AS admin_id, a.role, a.active AS admin_active, ${ADMIN_DOMAINS} AS admin_domain_ids
    FROM admin_account a
   WHERE a.mailbox_id IS NULL AND a.active AND a.password_hash IS NOT NULL`;

/** A live, active mailbox in an active domain, with the role it may hold. */
const MAILBOX = `
  SELECT 'mailbox' AS kind, m.id, m.address AS email, m.display_name, m.password_hash, m.must_change_password,
         m.created_at,
         EXISTS (SELECT 1 FROM totp_factor t WHERE t.mailbox_id = m.id AND t.confirmed_at IS NOT NULL) AS totp_enabled,
         m.language,
         d.id AS domain_id, d.name AS domain_name, d.two_factor_policy, d.two_factor_grace_days,
         d.two_factor_required_since, d.password_min_length, d.password_min_score,
         d.language AS domain_language,
         a.id AS admin_id, a.role, a.active AS admin_active, ${ADMIN_DOMAINS} AS admin_domain_ids
    FROM mailbox m
    JOIN domain d ON d.id = m.domain_id
    LEFT JOIN admin_account a ON a.mailbox_id = m.id
   WHERE m.deleted_at IS NULL AND m.active AND d.active`;

function toIdentity(row: Row): Identity {
  return {
    subject: { kind: row.kind, id: row.id },
    email: row.email,
    displayName: row.display_name,
    mustChangePassword: row.must_change_password,
    createdAt: row.created_at,
    totpEnabled: row.totp_enabled,
    language: row.language,
    domain:
      row.domain_id === null || row.domain_name === null
        ? undefined
        : {
            id: row.domain_id,
            name: row.domain_name,
            twoFactorPolicy: row.two_factor_policy ?? 'optional',
            twoFactorGraceDays: row.two_factor_grace_days ?? 0,
            twoFactorRequiredSince: row.two_factor_required_since,
            passwordMinLength: row.password_min_length,
            passwordMinScore: row.password_min_score,
            language: row.domain_language,
          },
    role:
      row.admin_id === null || row.role === null
        ? undefined
        : {
            adminAccountId: row.admin_id,
            role: row.role,
            active: row.admin_active === true,
            domainIds: row.admin_domain_ids,
          },
  };
}

/** Everyone who can sign in, in one shape. */
@Injectable()
export class IdentitiesRepository {
  constructor(private readonly db: Database) {}

  /** The one identity that signs in at an address: a standalone admin account or a mailbox. */
  async findForLogin(email: string): Promise<IdentityWithPassword | undefined> {
    // The namespace gives an address one owner (sign_in_address); should two rows ever
    // answer, nobody signs in rather than whichever sorts first.
    const rows: Row[] = await this.db.manager.query(
      `(${STANDALONE} AND a.email = $1) UNION ALL (${MAILBOX} AND m.address = $1) LIMIT 2`,
      [email],
    );
    const row = rows.length === 1 ? rows[0] : undefined;
    if (row === undefined || row.password_hash === null) return undefined;
    return { ...toIdentity(row), passwordHash: row.password_hash };
  }

  async findBySubject(subject: Subject): Promise<Identity | undefined> {
    const rows: Row[] =
      subject.kind === 'admin'
        ? await this.db.manager.query(`${STANDALONE} AND a.id = $1`, [subject.id])
        : await this.db.manager.query(`${MAILBOX} AND m.id = $1`, [subject.id]);
    const row = rows[0];
    return row === undefined ? undefined : toIdentity(row);
  }

  /** As `findBySubject`, with the password hash, to check a current password. */
  async findWithPassword(subject: Subject): Promise<IdentityWithPassword | undefined> {
    const rows: Row[] =
      subject.kind === 'admin'
        ? await this.db.manager.query(`${STANDALONE} AND a.id = $1`, [subject.id])
        : await this.db.manager.query(`${MAILBOX} AND m.id = $1`, [subject.id]);
    const row = rows[0];
    if (row === undefined || row.password_hash === null) return undefined;
    return { ...toIdentity(row), passwordHash: row.password_hash };
  }

  /** The admin account that owns API tokens, with its role and domains. */
  /** A live mailbox's password, active or not (its sheet may be handed over before). */
  async findMailboxPassword(
    mailboxId: string,
  ): Promise<{ passwordHash: string; mustChangePassword: boolean } | undefined> {
    const rows: { password_hash: string | null; must_change_password: boolean }[] =
      await this.db.manager.query(
        'SELECT password_hash, must_change_password FROM mailbox WHERE id = $1 AND deleted_at IS NULL',
        [mailboxId],
      );
    const row = rows[0];
    if (row === undefined || row.password_hash === null) return undefined;
    return { passwordHash: row.password_hash, mustChangePassword: row.must_change_password };
  }

  async findAdminAccount(adminAccountId: string): Promise<Identity | undefined> {
    const rows: Row[] = await this.db.manager.query(
      `(${STANDALONE} AND a.id = $1) UNION ALL (${MAILBOX} AND a.id = $1) LIMIT 1`,
      [adminAccountId],
    );
    const row = rows[0];
    return row === undefined ? undefined : toIdentity(row);
  }

  async domainNames(ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows: { name: string }[] = await this.db.manager.query(
      'SELECT name FROM domain WHERE id = ANY($1) ORDER BY name',
      [ids],
    );
    return rows.map((row) => row.name);
  }

  async setPassword(
    subject: Subject,
    passwordHash: string,
    mustChangePassword: boolean,
    at: Date,
  ): Promise<void> {
    if (subject.kind === 'admin') {
      await this.db.manager.query(
        'UPDATE admin_account SET password_hash = $2, must_change_password = $3, updated_at = $4 WHERE id = $1',
        [subject.id, passwordHash, mustChangePassword, at],
      );
    } else {
      await this.db.manager.query(
        `UPDATE mailbox SET password_hash = $2, must_change_password = $3, password_changed_at = $4,
                updated_at = $4, version = version + 1
          WHERE id = $1`,
        [subject.id, passwordHash, mustChangePassword, at],
      );
    }
  }

  /** The identity's own language; a mailbox's changes its version, as any edit of it does. */
  async setLanguage(subject: Subject, language: Locale | null, at: Date): Promise<void> {
    if (subject.kind === 'admin') {
      await this.db.manager.query(
        'UPDATE admin_account SET language = $2, updated_at = $3 WHERE id = $1',
        [subject.id, language, at],
      );
    } else {
      await this.db.manager.query(
        'UPDATE mailbox SET language = $2, updated_at = $3, version = version + 1 WHERE id = $1',
        [subject.id, language, at],
      );
    }
  }

  /** Replaces a hash with a fresh one of the same password (imported schemes, old parameters). */
  async rehash(subject: Subject, passwordHash: string): Promise<void> {
    const table = subject.kind === 'admin' ? 'admin_account' : 'mailbox';
    await this.db.manager.query(`UPDATE ${table} SET password_hash = $2 WHERE id = $1`, [
      subject.id,
      passwordHash,
    ]);
  }

  async recordLogin(subject: Subject, at: Date): Promise<void> {
    if (subject.kind === 'admin') {
      await this.db.manager.query('UPDATE admin_account SET last_login_at = $2 WHERE id = $1', [
        subject.id,
        at,
      ]);
    } else {
      await this.db.manager.query(
        'UPDATE admin_account SET last_login_at = $2 WHERE mailbox_id = $1',
        [subject.id, at],
      );
    }
  }
}
