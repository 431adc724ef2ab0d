import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The language Yubin writes to a mailbox's user in (the quota warning, the handover
 * sheet): the mailbox's own, else its domain's, else English. Null inherits.
 */
export class MailLanguage1796580000000 implements MigrationInterface {
  name = 'MailLanguage1796580000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "domain" ADD "language" character varying(8)`);
    await db.query(`ALTER TABLE "mailbox" ADD "language" character varying(8)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "mailbox" DROP COLUMN "language"`);
    await db.query(`ALTER TABLE "domain" DROP COLUMN "language"`);
  }
}
