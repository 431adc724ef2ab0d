import type { MigrationInterface, QueryRunner } from 'typeorm';
import { LEGACY_MAIL_READER_ROLE as MAIL_READER_ROLE } from './1796083200000-mail-server-contract.js';

const DELIVERABLE_MAILBOX = `m.deleted_at IS NULL AND m.active AND d.active`;

/** One row per protocol the mailbox may use: the passdb's answer for %s. */
const SERVICES = `CROSS JOIN LATERAL (VALUES ('imap', m.imap_enabled),
                                    ('pop3', m.pop3_enabled),
                                    ('smtp', m.smtp_enabled)) AS p(service, enabled)`;

const HAS_TWO_FACTOR = `EXISTS (SELECT 1 FROM public.totp_factor t
                           WHERE t.mailbox_id = m.id AND t.confirmed_at IS NOT NULL)`;

/**
 * Two-factor authentication reaches the mail protocols (ADR 0006). With TOTP on, the
 * mailbox's own password leaves `mailserver.passdb`, and only its app passwords open
 * IMAP, POP3 and SMTP — each for the protocols it lists and until it expires.
 *
 * Dovecot's SQL passdb refuses a query that returns several rows, so an app password is
 * found by `lookup_key`, the SHA-256 of the password that Dovecot itself computes
 * (`%{sha256:password}`), and then verified against its argon2id hash. App passwords are
 * 74-bit random strings, so the key (like an API token's hash) cannot be inverted; it
 * only picks the row.
 */
export class MailTwoFactor1796100000000 implements MigrationInterface {
  name = 'MailTwoFactor1796100000000';

  async up(db: QueryRunner): Promise<void> {
    // App passwords made before this migration have no key: the mail server ignores
    // them, and the user makes new ones.
    await db.query(`ALTER TABLE "app_password" ADD "lookup_key" character(64)`);
    await db.query(
      `ALTER TABLE "app_password" ADD CONSTRAINT "uq_app_password_lookup_key" UNIQUE ("lookup_key")`,
    );

    await db.query(`
      CREATE OR REPLACE VIEW mailserver.passdb WITH (security_barrier) AS
        SELECT m.address AS username, p.service, m.password_hash AS password
          FROM public.mailbox m
          JOIN public.domain d ON d.id = m.domain_id
         ${SERVICES}
         WHERE ${DELIVERABLE_MAILBOX} AND p.enabled AND NOT ${HAS_TWO_FACTOR}`);

    await db.query(`
      CREATE VIEW mailserver.app_passdb WITH (security_barrier) AS
        SELECT m.address AS username, p.service, ap.lookup_key, ap.password_hash AS password
          FROM public.app_password ap
          JOIN public.mailbox m ON m.id = ap.mailbox_id
          JOIN public.domain d ON d.id = m.domain_id
         ${SERVICES}
         WHERE ${DELIVERABLE_MAILBOX} AND p.enabled
           AND ap.lookup_key IS NOT NULL
           AND p.service = ANY (ap.protocols)
           AND (ap.expires_at IS NULL OR ap.expires_at > now())`);
    await db.query(`GRANT SELECT ON mailserver.app_passdb TO ${MAIL_READER_ROLE}`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP VIEW mailserver.app_passdb`);
    await db.query(`
      CREATE OR REPLACE VIEW mailserver.passdb WITH (security_barrier) AS
        SELECT m.address AS username, p.service, m.password_hash AS password
          FROM public.mailbox m
          JOIN public.domain d ON d.id = m.domain_id
         ${SERVICES}
         WHERE ${DELIVERABLE_MAILBOX} AND p.enabled`);
    await db.query(`ALTER TABLE "app_password" DROP CONSTRAINT "uq_app_password_lookup_key"`);
    await db.query(`ALTER TABLE "app_password" DROP COLUMN "lookup_key"`);
  }
}
