import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Spam filtering's data (ADR 0012). `spam_policy` holds a domain's policy or one
 * mailbox's overrides of it (exactly one owner, at most one row each; null inherits).
 * `sender_rule` holds allow and block rules, global, per domain or per mailbox.
 *
 * Indexes serve the mail side's later lookups as well as the API's lists:
 * - exact sender and sender domain: `(match_type, match_value)`;
 * - client address within a rule's network: GiST on `client_ip` with `inet_ops`, so
 *   `client_ip >>= $1` is an index scan for IPv4 and IPv6 alike;
 * - one list (a level, a domain or a mailbox) newest first: `ix_sender_rule_list`;
 * - one rule per match in one list, whatever its kind: three partial unique indexes, as
 *   the owner columns are null at the levels above.
 */
export class SpamPolicyAndSenderRules1796495450000 implements MigrationInterface {
  name = 'SpamPolicyAndSenderRules1796495450000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE "spam_policy" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "domain_id" uuid,
        "mailbox_id" uuid,
        "enabled" boolean,
        "add_header_score" numeric(6,2),
        "junk_score" numeric(6,2),
        "reject_score" numeric(6,2),
        "junk_folder" character varying(100),
        "virus_action" character varying(6),
        "version" integer NOT NULL DEFAULT '1',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "uq_spam_policy_mailbox" UNIQUE ("mailbox_id"),
        CONSTRAINT "uq_spam_policy_domain" UNIQUE ("domain_id"),
        CONSTRAINT "ck_spam_policy_scores" CHECK ("add_header_score" BETWEEN 0 AND 1000 AND "junk_score" BETWEEN 0 AND 1000 AND "reject_score" BETWEEN 0 AND 1000),
        CONSTRAINT "ck_spam_policy_virus_action" CHECK ("virus_action" IN ('reject', 'junk')),
        CONSTRAINT "ck_spam_policy_owner" CHECK (("domain_id" IS NULL) <> ("mailbox_id" IS NULL)),
        CONSTRAINT "PK_5db26856c4b96a6d73be98b9af8" PRIMARY KEY ("id"),
        CONSTRAINT "fk_spam_policy_domain" FOREIGN KEY ("domain_id") REFERENCES "domain"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "fk_spam_policy_mailbox" FOREIGN KEY ("mailbox_id") REFERENCES "mailbox"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);

    await db.query(`
      CREATE TABLE "sender_rule" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "level" character varying(7) NOT NULL,
        "domain_id" uuid,
        "mailbox_id" uuid,
        "kind" character varying(5) NOT NULL,
        "match_type" character varying(12) NOT NULL,
        "match_value" character varying(254) COLLATE "C" NOT NULL,
        "client_ip" cidr,
        "note" character varying(200) NOT NULL DEFAULT '',
        "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_sender_rule_match" CHECK ("match_type" IN ('sender', 'senderDomain', 'clientIp') AND ("match_type" = 'clientIp') = ("client_ip" IS NOT NULL) AND ("client_ip" IS NULL OR "match_value" = CAST("client_ip" AS text))),
        CONSTRAINT "ck_sender_rule_kind" CHECK ("kind" IN ('allow', 'block')),
        CONSTRAINT "ck_sender_rule_level" CHECK (("level" = 'global' AND "domain_id" IS NULL AND "mailbox_id" IS NULL) OR ("level" = 'domain' AND "domain_id" IS NOT NULL AND "mailbox_id" IS NULL) OR ("level" = 'mailbox' AND "domain_id" IS NOT NULL AND "mailbox_id" IS NOT NULL)),
        CONSTRAINT "PK_f0b1e1022dcc56b7e044c44bc65" PRIMARY KEY ("id"),
        CONSTRAINT "fk_sender_rule_domain" FOREIGN KEY ("domain_id") REFERENCES "domain"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "fk_sender_rule_mailbox" FOREIGN KEY ("mailbox_id") REFERENCES "mailbox"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await db.query(
      `CREATE INDEX "ix_sender_rule_list" ON "sender_rule" ("level", "domain_id", "mailbox_id", "created_at", "id")`,
    );
    await db.query(
      `CREATE INDEX "ix_sender_rule_match" ON "sender_rule" ("match_type", "match_value")`,
    );
    await db.query(
      `CREATE INDEX "ix_sender_rule_client_ip" ON "sender_rule" USING gist ("client_ip" inet_ops) WHERE "client_ip" IS NOT NULL`,
    );
    // Deleting (purging) a mailbox cascades here.
    await db.query(
      `CREATE INDEX "ix_sender_rule_mailbox" ON "sender_rule" ("mailbox_id") WHERE "mailbox_id" IS NOT NULL`,
    );
    await db.query(
      `CREATE UNIQUE INDEX "uq_sender_rule_global" ON "sender_rule" ("match_type", "match_value") WHERE "level" = 'global'`,
    );
    await db.query(
      `CREATE UNIQUE INDEX "uq_sender_rule_domain" ON "sender_rule" ("domain_id", "match_type", "match_value") WHERE "level" = 'domain'`,
    );
    await db.query(
      `CREATE UNIQUE INDEX "uq_sender_rule_mailbox" ON "sender_rule" ("mailbox_id", "match_type", "match_value") WHERE "level" = 'mailbox'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    // The indexes go with their table.
    await db.query(`DROP TABLE "sender_rule"`);
    await db.query(`DROP TABLE "spam_policy"`);
  }
}
