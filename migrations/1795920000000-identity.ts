import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity: roles granted to mailboxes or standalone accounts with their domains,
 * mailbox sessions and restricted sessions, login challenges for 2FA, TOTP factors
 * (sealed seeds) and hashed recovery codes, app passwords, per-domain password and
 * 2FA policies, and the shared brute-force throttle.
 */
export class Identity1795920000000 implements MigrationInterface {
  name = 'Identity1795920000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE "domain" ADD "password_min_length" integer`);
    await db.query(`ALTER TABLE "domain" ADD "password_min_score" smallint`);
    await db.query(
      `ALTER TABLE "domain" ADD "two_factor_policy" character varying(16) NOT NULL DEFAULT 'optional'`,
    );
    await db.query(`ALTER TABLE "domain" ADD "two_factor_grace_days" integer NOT NULL DEFAULT '7'`);
    await db.query(`ALTER TABLE "domain" ADD "two_factor_required_since" TIMESTAMP WITH TIME ZONE`);
    await db.query(`
      ALTER TABLE "domain" ADD CONSTRAINT "ck_domain_policies" CHECK (
        "two_factor_policy" IN ('off', 'optional', 'required') AND "two_factor_grace_days" BETWEEN 0 AND 365
        AND ("password_min_length" IS NULL OR "password_min_length" BETWEEN 8 AND 256)
        AND ("password_min_score" IS NULL OR "password_min_score" BETWEEN 0 AND 4))`);

    await db.query(`ALTER TABLE "mailbox" ADD "password_changed_at" TIMESTAMP WITH TIME ZONE`);

    await db.query(`ALTER TABLE "admin_account" ADD "mailbox_id" uuid`);
    await db.query(
      `ALTER TABLE "admin_account" ADD CONSTRAINT "UQ_3033be84008d23b6b233f1a76ab" UNIQUE ("mailbox_id")`,
    );
    await db.query(
      `ALTER TABLE "admin_account" ADD "must_change_password" boolean NOT NULL DEFAULT false`,
    );
    await db.query(
      `ALTER TABLE "admin_account" ADD CONSTRAINT "ck_admin_account_role" CHECK ("role" IN ('superadmin', 'domain-admin', 'helpdesk'))`,
    );
    await db.query(`
      ALTER TABLE "admin_account" ADD CONSTRAINT "fk_admin_account_mailbox"
        FOREIGN KEY ("mailbox_id") REFERENCES "mailbox"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`
      CREATE TABLE "admin_domain" (
        "admin_id" uuid NOT NULL,
        "domain_id" uuid NOT NULL,
        CONSTRAINT "PK_6e21780a7c3d313d2c712986105" PRIMARY KEY ("admin_id", "domain_id"),
        CONSTRAINT "fk_admin_domain_admin" FOREIGN KEY ("admin_id") REFERENCES "admin_account"("id") ON DELETE CASCADE ON UPDATE CASCADE,
        CONSTRAINT "fk_admin_domain_domain" FOREIGN KEY ("domain_id") REFERENCES "domain"("id") ON DELETE CASCADE ON UPDATE CASCADE)`);
    await db.query(`CREATE INDEX "IDX_0a7002625b7b2dcee42ca97847" ON "admin_domain" ("admin_id")`);
    await db.query(`CREATE INDEX "IDX_83ceb4c5cfbaabd7f1aaf9a670" ON "admin_domain" ("domain_id")`);

    await db.query(`ALTER TABLE "session" ALTER COLUMN "admin_id" DROP NOT NULL`);
    await db.query(`ALTER TABLE "session" ADD "mailbox_id" uuid`);
    await db.query(`ALTER TABLE "session" ADD "restriction" character varying(32)`);
    await db.query(
      `ALTER TABLE "session" ADD CONSTRAINT "ck_session_subject" CHECK (num_nonnulls("admin_id", "mailbox_id") = 1)`,
    );
    await db.query(`
      ALTER TABLE "session" ADD CONSTRAINT "fk_session_mailbox"
        FOREIGN KEY ("mailbox_id") REFERENCES "mailbox"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await db.query(`CREATE INDEX "ix_session_mailbox" ON "session" ("mailbox_id")`);

    await db.query(`
      CREATE TABLE "login_challenge" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "token_hash" character(64) NOT NULL,
        "admin_id" uuid,
        "mailbox_id" uuid,
        "failed_attempts" integer NOT NULL DEFAULT '0',
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "uq_login_challenge_token_hash" UNIQUE ("token_hash"),
        CONSTRAINT "ck_login_challenge_subject" CHECK (num_nonnulls("admin_id", "mailbox_id") = 1),
        CONSTRAINT "PK_179c2cb373394f4f74956209237" PRIMARY KEY ("id"),
        CONSTRAINT "fk_login_challenge_admin" FOREIGN KEY ("admin_id") REFERENCES "admin_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "fk_login_challenge_mailbox" FOREIGN KEY ("mailbox_id") REFERENCES "mailbox"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await db.query(`CREATE INDEX "ix_login_challenge_expires" ON "login_challenge" ("expires_at")`);

    await db.query(`
      CREATE TABLE "auth_throttle" (
        "key" character varying(300) COLLATE "C" NOT NULL,
        "failures" integer NOT NULL DEFAULT '0',
        "last_failure_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "locked_until" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_4c7fca5065c568fa2bae24a1d26" PRIMARY KEY ("key"))`);

    await db.query(`
      CREATE TABLE "totp_factor" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "admin_id" uuid,
        "mailbox_id" uuid,
        "secret_sealed" text NOT NULL,
        "confirmed_at" TIMESTAMP WITH TIME ZONE,
        "last_used_step" bigint,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "uq_totp_factor_mailbox" UNIQUE ("mailbox_id"),
        CONSTRAINT "uq_totp_factor_admin" UNIQUE ("admin_id"),
        CONSTRAINT "ck_totp_factor_subject" CHECK (num_nonnulls("admin_id", "mailbox_id") = 1),
        CONSTRAINT "PK_18960344fa8dffa8db54bd57d18" PRIMARY KEY ("id"),
        CONSTRAINT "fk_totp_factor_admin" FOREIGN KEY ("admin_id") REFERENCES "admin_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "fk_totp_factor_mailbox" FOREIGN KEY ("mailbox_id") REFERENCES "mailbox"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);

    await db.query(`
      CREATE TABLE "recovery_code" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "admin_id" uuid,
        "mailbox_id" uuid,
        "code_hash" character(64) NOT NULL,
        "used_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "uq_recovery_code_hash" UNIQUE ("code_hash"),
        CONSTRAINT "ck_recovery_code_subject" CHECK (num_nonnulls("admin_id", "mailbox_id") = 1),
        CONSTRAINT "PK_b7f1e23329e93a80e25fd281922" PRIMARY KEY ("id"),
        CONSTRAINT "fk_recovery_code_admin" FOREIGN KEY ("admin_id") REFERENCES "admin_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "fk_recovery_code_mailbox" FOREIGN KEY ("mailbox_id") REFERENCES "mailbox"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await db.query(`CREATE INDEX "ix_recovery_code_mailbox" ON "recovery_code" ("mailbox_id")`);
    await db.query(`CREATE INDEX "ix_recovery_code_admin" ON "recovery_code" ("admin_id")`);

    await db.query(`
      CREATE TABLE "app_password" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "mailbox_id" uuid NOT NULL,
        "name" character varying(100) NOT NULL,
        "password_hash" character varying(512) NOT NULL,
        "protocols" character varying(8) array NOT NULL,
        "expires_at" TIMESTAMP WITH TIME ZONE,
        "last_used_at" TIMESTAMP WITH TIME ZONE,
        "created_by_admin_id" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_app_password_protocols" CHECK (cardinality("protocols") >= 1 AND "protocols" <@ ARRAY['imap', 'pop3', 'smtp']::varchar[]),
        CONSTRAINT "PK_0f8f2943997c161e5e0681d8799" PRIMARY KEY ("id"),
        CONSTRAINT "fk_app_password_mailbox" FOREIGN KEY ("mailbox_id") REFERENCES "mailbox"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "fk_app_password_created_by" FOREIGN KEY ("created_by_admin_id") REFERENCES "admin_account"("id") ON DELETE SET NULL ON UPDATE NO ACTION)`);
    await db.query(`CREATE INDEX "ix_app_password_mailbox" ON "app_password" ("mailbox_id")`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'app_password',
      'recovery_code',
      'totp_factor',
      'auth_throttle',
      'login_challenge',
    ]) {
      await db.query(`DROP TABLE "${table}"`);
    }
    // Mailbox sessions cannot exist before this migration.
    await db.query(`DELETE FROM "session" WHERE "mailbox_id" IS NOT NULL`);
    await db.query(`DROP INDEX "ix_session_mailbox"`);
    await db.query(`ALTER TABLE "session" DROP CONSTRAINT "fk_session_mailbox"`);
    await db.query(`ALTER TABLE "session" DROP CONSTRAINT "ck_session_subject"`);
    await db.query(`ALTER TABLE "session" DROP COLUMN "restriction"`);
    await db.query(`ALTER TABLE "session" DROP COLUMN "mailbox_id"`);
    await db.query(`ALTER TABLE "session" ALTER COLUMN "admin_id" SET NOT NULL`);

    await db.query(`DROP TABLE "admin_domain"`);
    // Roles that did not exist before cannot survive the way back.
    await db.query(
      `DELETE FROM "admin_account" WHERE "role" <> 'superadmin' OR "mailbox_id" IS NOT NULL`,
    );
    await db.query(`ALTER TABLE "admin_account" DROP CONSTRAINT "fk_admin_account_mailbox"`);
    await db.query(`ALTER TABLE "admin_account" DROP CONSTRAINT "ck_admin_account_role"`);
    await db.query(`ALTER TABLE "admin_account" DROP COLUMN "must_change_password"`);
    await db.query(`ALTER TABLE "admin_account" DROP CONSTRAINT "UQ_3033be84008d23b6b233f1a76ab"`);
    await db.query(`ALTER TABLE "admin_account" DROP COLUMN "mailbox_id"`);

    await db.query(`ALTER TABLE "mailbox" DROP COLUMN "password_changed_at"`);

    await db.query(`ALTER TABLE "domain" DROP CONSTRAINT "ck_domain_policies"`);
    for (const column of [
      'two_factor_required_since',
      'two_factor_grace_days',
      'two_factor_policy',
      'password_min_score',
      'password_min_length',
    ]) {
      await db.query(`ALTER TABLE "domain" DROP COLUMN "${column}"`);
    }
  }
}
