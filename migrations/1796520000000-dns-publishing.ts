import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * RFC 2136 publishing (ADR 0017). `dns_publishing` holds a domain's authoritative server,
 * zone and TSIG key (the secret sealed); `dns_published_rrset` what Yubin last published,
 * so that it withdraws what is no longer desired and leaves others' records alone.
 */
export class DnsPublishing1796520000000 implements MigrationInterface {
  name = 'DnsPublishing1796520000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE "dns_publishing" (
        "domain_id" uuid NOT NULL,
        "server" character varying(262) NOT NULL,
        "zone" character varying(253) NOT NULL,
        "tsig_key_name" character varying(253) NOT NULL,
        "tsig_algorithm" character varying(16) NOT NULL,
        "tsig_secret_sealed" text NOT NULL,
        "version" integer NOT NULL DEFAULT '1',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_dns_publishing_tsig_algorithm" CHECK ("tsig_algorithm" IN ('hmac-sha256', 'hmac-sha384', 'hmac-sha512')),
        CONSTRAINT "PK_6eec48d1249dfe4a12845be806c" PRIMARY KEY ("domain_id"),
        CONSTRAINT "fk_dns_publishing_domain" FOREIGN KEY ("domain_id") REFERENCES "domain"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await db.query(`
      CREATE TABLE "dns_published_rrset" (
        "domain_id" uuid NOT NULL,
        "name" character varying(254) NOT NULL,
        "type" character varying(5) NOT NULL,
        "values" text array NOT NULL,
        "published_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_addbecd5caae2ecc53e781aac7b" PRIMARY KEY ("domain_id", "name", "type"),
        CONSTRAINT "fk_dns_published_rrset_domain" FOREIGN KEY ("domain_id") REFERENCES "domain"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "dns_published_rrset"`);
    await db.query(`DROP TABLE "dns_publishing"`);
  }
}
