import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A domain may name its own mail server (`mail.<customer-domain>`): mail apps of its
 * mailboxes are told this host for IMAP, POP3 and SMTP instead of the global host names.
 * Null keeps the global ones. Stored like a domain name: lowercase ASCII, punycode.
 */
export class DomainMailHostname1796499460000 implements MigrationInterface {
  name = 'DomainMailHostname1796499460000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "domain" ADD "mail_hostname" character varying(253)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "domain" DROP COLUMN "mail_hostname"`);
  }
}
