import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The fullest mailboxes first, across domains (dashboards: "mailboxes near quota"). */
export class MailboxUsageIndex1796110000000 implements MigrationInterface {
  name = 'MailboxUsageIndex1796110000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE INDEX "ix_mailbox_used_ratio" ON "mailbox" (("used_bytes"::float8 / "quota_bytes"), "id")
       WHERE "deleted_at" IS NULL AND "quota_bytes" > 0`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX "ix_mailbox_used_ratio"`);
  }
}
