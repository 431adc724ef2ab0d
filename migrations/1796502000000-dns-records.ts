import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * DNS records (ADR 0015). `dns_settings` holds a domain's own choices for its generated
 * records (null: the configured default). `dns_record_check` holds what the last
 * verification saw per record. `scheduled_job` lets one of several API processes claim
 * each run of a scheduled job. None of it is in the daemons' views.
 */
export class DnsRecords1796502000000 implements MigrationInterface {
  name = 'DnsRecords1796502000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE "dns_settings" (
        "domain_id" uuid NOT NULL,
        "spf_policy" character varying(4),
        "spf_includes" character varying(253) array NOT NULL DEFAULT '{}',
        "dmarc_policy" character varying(10),
        "dmarc_report_address" character varying(254),
        "mta_sts_mode" character varying(7),
        "version" integer NOT NULL DEFAULT '1',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_dns_settings_mta_sts_mode" CHECK ("mta_sts_mode" IN ('enforce', 'testing', 'none')),
        CONSTRAINT "ck_dns_settings_dmarc_policy" CHECK ("dmarc_policy" IN ('none', 'quarantine', 'reject')),
        CONSTRAINT "ck_dns_settings_spf_policy" CHECK ("spf_policy" IN ('-all', '~all')),
        CONSTRAINT "PK_a3de351a467dde57039ef7049de" PRIMARY KEY ("domain_id"),
        CONSTRAINT "fk_dns_settings_domain" FOREIGN KEY ("domain_id") REFERENCES "domain"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await db.query(`
      CREATE TABLE "dns_record_check" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "domain_id" uuid NOT NULL,
        "type" character varying(5) NOT NULL,
        "name" character varying(254) NOT NULL,
        "value" text NOT NULL,
        "status" character varying(8) NOT NULL,
        "found" text array NOT NULL DEFAULT '{}',
        "checked_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "ck_dns_record_check_status" CHECK ("status" IN ('ok', 'missing', 'mismatch')),
        CONSTRAINT "PK_b3ede156c30d5847369b82f670f" PRIMARY KEY ("id"),
        CONSTRAINT "fk_dns_record_check_domain" FOREIGN KEY ("domain_id") REFERENCES "domain"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await db.query(`CREATE INDEX "ix_dns_record_check_domain" ON "dns_record_check" ("domain_id")`);
    await db.query(`
      CREATE TABLE "scheduled_job" (
        "name" character varying(64) NOT NULL,
        "next_run_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_e9fa2da896f3bb1da2821312e47" PRIMARY KEY ("name"))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "scheduled_job"`);
    await db.query(`DROP TABLE "dns_record_check"`);
    await db.query(`DROP TABLE "dns_settings"`);
  }
}
