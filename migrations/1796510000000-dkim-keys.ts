import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * DKIM keys (ADR 0016). The private key is sealed by the API (SecretBox) and the table is
 * in no view and granted to no mail role: only the API reads it, and serves the active
 * keys to Rspamd under the signer's own key. One active key per domain.
 */
export class DkimKeys1796510000000 implements MigrationInterface {
  name = 'DkimKeys1796510000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE "dkim_key" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "domain_id" uuid NOT NULL,
        "selector" character varying(63) NOT NULL,
        "algorithm" character varying(8) NOT NULL,
        "public_key" text NOT NULL,
        "private_key_sealed" text NOT NULL,
        "state" character varying(9) NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "activated_at" TIMESTAMP WITH TIME ZONE,
        "retiring_at" TIMESTAMP WITH TIME ZONE,
        "retire_after" TIMESTAMP WITH TIME ZONE,
        "retired_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "uq_dkim_key_domain_selector" UNIQUE ("domain_id", "selector"),
        CONSTRAINT "ck_dkim_key_state" CHECK ("state" IN ('published', 'active', 'retiring', 'retired')),
        CONSTRAINT "ck_dkim_key_algorithm" CHECK ("algorithm" IN ('rsa-2048', 'ed25519')),
        CONSTRAINT "PK_5ac1d7ff8b6f4456ab6142d3d50" PRIMARY KEY ("id"))`);
    await db.query(
      `CREATE UNIQUE INDEX "uq_dkim_key_domain_active" ON "dkim_key" ("domain_id") WHERE "state" = 'active'`,
    );
    await db.query(`
      ALTER TABLE "dkim_key" ADD CONSTRAINT "fk_dkim_key_domain"
        FOREIGN KEY ("domain_id") REFERENCES "domain"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "dkim_key"`);
  }
}
