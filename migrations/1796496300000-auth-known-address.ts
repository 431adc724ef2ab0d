import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where each account last signed in successfully, per client address. Mail logins from a
 * locked address (an office's, say) still go through for accounts known there, so one
 * mail app retrying an old password does not lock out everyone behind the same address.
 */
export class AuthKnownAddress1796496300000 implements MigrationInterface {
  name = 'AuthKnownAddress1796496300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE TABLE "auth_known_address" ("account_key" character varying(300) COLLATE "C" NOT NULL, "client_key" character varying(100) COLLATE "C" NOT NULL, "last_success_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_0e07946e9b70baf29be8795bbb9" PRIMARY KEY ("account_key", "client_key"))`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "auth_known_address"`);
  }
}
