import type { MigrationInterface, QueryRunner } from 'typeorm';

/** When Rspamd first reported a message signed with each key (ADR 0018). */
export class DkimFirstSigned1796560000001 implements MigrationInterface {
  name = 'DkimFirstSigned1796560000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "dkim_key" ADD "first_signed_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "dkim_key" DROP COLUMN "first_signed_at"`);
  }
}
