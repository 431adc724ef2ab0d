import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A domain's DKIM schedule (ADR 0018): rotate when the signing key is `rotation_days`
 * old, keep a replaced key `overlap_days` in DNS. Null uses the default.
 */
export class DkimSettings1796560000000 implements MigrationInterface {
  name = 'DkimSettings1796560000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE "dkim_settings" (
        "domain_id" uuid NOT NULL,
        "rotation_days" integer,
        "overlap_days" integer,
        "version" integer NOT NULL DEFAULT '1',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_dkim_settings_overlap_days" CHECK ("overlap_days" BETWEEN 1 AND 90),
        CONSTRAINT "ck_dkim_settings_rotation_days" CHECK ("rotation_days" BETWEEN 30 AND 730),
        CONSTRAINT "PK_127080704322845d0a08fd8f7c3" PRIMARY KEY ("domain_id"),
        CONSTRAINT "fk_dkim_settings_domain" FOREIGN KEY ("domain_id") REFERENCES "domain"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "dkim_settings"`);
  }
}
