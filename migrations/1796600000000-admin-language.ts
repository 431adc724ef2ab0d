import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A standalone admin's own language, so the UI follows them from browser to browser.
 * (A mailbox user's is the mailbox's `language`, which Yubin's messages use too.)
 */
export class AdminLanguage1796600000000 implements MigrationInterface {
  name = 'AdminLanguage1796600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "admin_account" ADD "language" character varying(8)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "admin_account" DROP COLUMN "language"`);
  }
}
