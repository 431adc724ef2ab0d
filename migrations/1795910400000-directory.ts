import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The directory: domains, alias domains, mailboxes, aliases, admin accounts, sessions,
 * API tokens, the audit log and idempotency records. Counters on `domain` are kept
 * by triggers, so every write path (API, bulk import, bench seeding) agrees.
 */
export class Directory1795910400000 implements MigrationInterface {
  name = 'Directory1795910400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE "domain" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" character varying(253) COLLATE "C" NOT NULL,
        "description" character varying(500) NOT NULL DEFAULT '',
        "active" boolean NOT NULL DEFAULT true,
        "max_mailboxes" integer NOT NULL DEFAULT '0',
        "max_aliases" integer NOT NULL DEFAULT '0',
        "default_quota_bytes" bigint NOT NULL DEFAULT '0',
        "max_quota_bytes" bigint NOT NULL DEFAULT '0',
        "quota_bytes" bigint NOT NULL DEFAULT '0',
        "mailbox_count" integer NOT NULL DEFAULT '0',
        "alias_count" integer NOT NULL DEFAULT '0',
        "used_bytes" bigint NOT NULL DEFAULT '0',
        "version" integer NOT NULL DEFAULT '1',
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "uq_domain_name" UNIQUE ("name"),
        CONSTRAINT "ck_domain_limits" CHECK ("max_mailboxes" >= 0 AND "max_aliases" >= 0 AND "default_quota_bytes" >= 0 AND "max_quota_bytes" >= 0 AND "quota_bytes" >= 0),
        CONSTRAINT "PK_27e3ec3ea0ae02c8c5bceab3ba9" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "ix_domain_created" ON "domain" ("created_at", "id")`);

    await db.query(`
      CREATE TABLE "alias_domain" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" character varying(253) COLLATE "C" NOT NULL,
        "target_domain_id" uuid NOT NULL,
        "active" boolean NOT NULL DEFAULT true,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "uq_alias_domain_name" UNIQUE ("name"),
        CONSTRAINT "PK_4b4875dc7b04c43b349bb90708e" PRIMARY KEY ("id"),
        CONSTRAINT "fk_alias_domain_target" FOREIGN KEY ("target_domain_id") REFERENCES "domain"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await db.query(`CREATE INDEX "ix_alias_domain_target" ON "alias_domain" ("target_domain_id")`);

    await db.query(`
      CREATE TABLE "mailbox" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "domain_id" uuid NOT NULL,
        "local_part" character varying(64) COLLATE "C" NOT NULL,
        "address" character varying(254) COLLATE "C" NOT NULL,
        "display_name" character varying(255) NOT NULL DEFAULT '',
        "password_hash" character varying(512) NOT NULL,
        "quota_bytes" bigint NOT NULL DEFAULT '0',
        "used_bytes" bigint NOT NULL DEFAULT '0',
        "active" boolean NOT NULL DEFAULT true,
        "imap_enabled" boolean NOT NULL DEFAULT true,
        "pop3_enabled" boolean NOT NULL DEFAULT true,
        "smtp_enabled" boolean NOT NULL DEFAULT true,
        "must_change_password" boolean NOT NULL DEFAULT false,
        "deleted_at" TIMESTAMP WITH TIME ZONE,
        "version" integer NOT NULL DEFAULT '1',
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_mailbox_quota" CHECK ("quota_bytes" >= 0 AND "used_bytes" >= 0),
        CONSTRAINT "PK_f7191e7ca96ddaeebb57e58650f" PRIMARY KEY ("id"),
        CONSTRAINT "fk_mailbox_domain" FOREIGN KEY ("domain_id") REFERENCES "domain"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    // One live mailbox per address; soft-deleted ones keep theirs until purged.
    await db.query(
      `CREATE UNIQUE INDEX "uq_mailbox_live_address" ON "mailbox" ("address") WHERE "deleted_at" IS NULL`,
    );
    // Keyset pages by address (live and deleted lists), and the domain's cascade.
    await db.query(
      `CREATE INDEX "ix_mailbox_domain_address" ON "mailbox" ("domain_id", "address", "id")`,
    );
    await db.query(
      `CREATE INDEX "ix_mailbox_domain_created" ON "mailbox" ("domain_id", "created_at", "id") WHERE "deleted_at" IS NULL`,
    );
    await db.query(
      `CREATE INDEX "ix_mailbox_domain_display_name" ON "mailbox" ("domain_id", lower("display_name") text_pattern_ops) WHERE "deleted_at" IS NULL`,
    );
    await db.query(
      `CREATE INDEX "ix_mailbox_deleted_at" ON "mailbox" ("deleted_at") WHERE "deleted_at" IS NOT NULL`,
    );

    await db.query(`
      CREATE TABLE "alias" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "domain_id" uuid NOT NULL,
        "address" character varying(254) COLLATE "C" NOT NULL,
        "local_part" character varying(64) COLLATE "C" NOT NULL DEFAULT '',
        "destinations" character varying(254) array NOT NULL,
        "active" boolean NOT NULL DEFAULT true,
        "version" integer NOT NULL DEFAULT '1',
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "uq_alias_address" UNIQUE ("address"),
        CONSTRAINT "ck_alias_destinations" CHECK (cardinality("destinations") BETWEEN 1 AND 1000),
        CONSTRAINT "PK_b1848d04b41d10a5712fc2e673c" PRIMARY KEY ("id"),
        CONSTRAINT "fk_alias_domain" FOREIGN KEY ("domain_id") REFERENCES "domain"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await db.query(`CREATE INDEX "ix_alias_domain_address" ON "alias" ("domain_id", "address")`);
    await db.query(
      `CREATE INDEX "ix_alias_domain_created" ON "alias" ("domain_id", "created_at", "id")`,
    );

    await db.query(`
      CREATE TABLE "admin_account" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "email" character varying(254) COLLATE "C" NOT NULL,
        "role" character varying(32) NOT NULL,
        "password_hash" character varying(512),
        "active" boolean NOT NULL DEFAULT true,
        "last_login_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "uq_admin_account_email" UNIQUE ("email"),
        CONSTRAINT "PK_549a26f8a691cec95c57a036b48" PRIMARY KEY ("id"))`);

    await db.query(`
      CREATE TABLE "session" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "token_hash" character(64) NOT NULL,
        "admin_id" uuid NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "ip" character varying(64),
        "user_agent" character varying(512) NOT NULL DEFAULT '',
        CONSTRAINT "uq_session_token_hash" UNIQUE ("token_hash"),
        CONSTRAINT "PK_f55da76ac1c3ac420f444d2ff11" PRIMARY KEY ("id"),
        CONSTRAINT "fk_session_admin" FOREIGN KEY ("admin_id") REFERENCES "admin_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await db.query(`CREATE INDEX "ix_session_admin" ON "session" ("admin_id")`);

    await db.query(`
      CREATE TABLE "api_token" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" character varying(100) NOT NULL,
        "token_hash" character(64) NOT NULL,
        "token_hint" character varying(16) NOT NULL,
        "owner_id" uuid NOT NULL,
        "scopes" character varying(32) array NOT NULL,
        "all_domains" boolean NOT NULL,
        "expires_at" TIMESTAMP WITH TIME ZONE,
        "last_used_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "uq_api_token_hash" UNIQUE ("token_hash"),
        CONSTRAINT "PK_d862311c568d175c26f41bc6f98" PRIMARY KEY ("id"),
        CONSTRAINT "fk_api_token_owner" FOREIGN KEY ("owner_id") REFERENCES "admin_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await db.query(`CREATE INDEX "ix_api_token_owner" ON "api_token" ("owner_id")`);
    await db.query(`
      CREATE TABLE "api_token_domain" (
        "token_id" uuid NOT NULL,
        "domain_id" uuid NOT NULL,
        CONSTRAINT "PK_3b974553d71cc3e66f5cb8ea331" PRIMARY KEY ("token_id", "domain_id"),
        CONSTRAINT "fk_api_token_domain_token" FOREIGN KEY ("token_id") REFERENCES "api_token"("id") ON DELETE CASCADE ON UPDATE CASCADE,
        CONSTRAINT "fk_api_token_domain_domain" FOREIGN KEY ("domain_id") REFERENCES "domain"("id") ON DELETE CASCADE ON UPDATE CASCADE)`);
    await db.query(
      `CREATE INDEX "IDX_dd04654a36a00f3120415ebc14" ON "api_token_domain" ("token_id")`,
    );
    await db.query(
      `CREATE INDEX "IDX_ab92a97aa580e6a821492f76f3" ON "api_token_domain" ("domain_id")`,
    );

    await db.query(`
      CREATE TABLE "audit_event" (
        "id" BIGSERIAL NOT NULL,
        "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "actor_type" character varying(16) NOT NULL,
        "actor_id" uuid,
        "actor_label" character varying(254) NOT NULL,
        "via" character varying(16) NOT NULL,
        "token_id" uuid,
        "action" character varying(64) COLLATE "C" NOT NULL,
        "target_type" character varying(32) NOT NULL,
        "target_id" character varying(254) COLLATE "C" NOT NULL,
        "domain_id" uuid,
        "domain_name" character varying(253) COLLATE "C",
        "before" jsonb,
        "after" jsonb,
        "ip" character varying(64),
        "request_id" character varying(64),
        CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "ix_audit_event_occurred" ON "audit_event" ("occurred_at")`);
    await db.query(`CREATE INDEX "ix_audit_event_actor" ON "audit_event" ("actor_id", "id")`);
    await db.query(
      `CREATE INDEX "ix_audit_event_target" ON "audit_event" ("target_type", "target_id", "id")`,
    );
    await db.query(`CREATE INDEX "ix_audit_event_action" ON "audit_event" ("action", "id")`);
    await db.query(
      `CREATE INDEX "ix_audit_event_domain_name" ON "audit_event" ("domain_name", "id")`,
    );
    await db.query(`CREATE INDEX "ix_audit_event_domain" ON "audit_event" ("domain_id", "id")`);

    await db.query(`
      CREATE TABLE "idempotency_record" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "principal_key" character varying(80) NOT NULL,
        "key" character varying(255) NOT NULL,
        "request_hash" character(64) NOT NULL,
        "status_code" integer,
        "sealed_response" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "uq_idempotency_principal_key" UNIQUE ("principal_key", "key"),
        CONSTRAINT "PK_0dc165e218120167e4a55dcc8d4" PRIMARY KEY ("id"))`);
    await db.query(`CREATE INDEX "ix_idempotency_expires" ON "idempotency_record" ("expires_at")`);

    // Live-mailbox and alias counters. A soft delete or restore moves the count;
    // a purge of an already deleted row does not.
    await db.query(`
      CREATE FUNCTION "domain_count_mailboxes"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.deleted_at IS NULL THEN
          UPDATE domain SET mailbox_count = mailbox_count + 1 WHERE id = NEW.domain_id;
        END IF;
        IF TG_OP IN ('DELETE', 'UPDATE') AND OLD.deleted_at IS NULL THEN
          UPDATE domain SET mailbox_count = mailbox_count - 1 WHERE id = OLD.domain_id;
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER "mailbox_count" AFTER INSERT OR DELETE OR UPDATE OF deleted_at, domain_id ON "mailbox"
      FOR EACH ROW EXECUTE FUNCTION "domain_count_mailboxes"()`);
    await db.query(`
      CREATE FUNCTION "domain_count_aliases"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          UPDATE domain SET alias_count = alias_count + 1 WHERE id = NEW.domain_id;
        ELSE
          UPDATE domain SET alias_count = alias_count - 1 WHERE id = OLD.domain_id;
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER "alias_count" AFTER INSERT OR DELETE ON "alias"
      FOR EACH ROW EXECUTE FUNCTION "domain_count_aliases"()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER "alias_count" ON "alias"`);
    await db.query(`DROP FUNCTION "domain_count_aliases"()`);
    await db.query(`DROP TRIGGER "mailbox_count" ON "mailbox"`);
    await db.query(`DROP FUNCTION "domain_count_mailboxes"()`);
    for (const table of [
      'idempotency_record',
      'audit_event',
      'api_token_domain',
      'api_token',
      'session',
      'admin_account',
      'alias',
      'mailbox',
      'alias_domain',
      'domain',
    ]) {
      await db.query(`DROP TABLE "${table}"`);
    }
  }
}
