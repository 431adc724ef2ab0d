import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The role Postfix and Dovecot's passdb/userdb connected as: SELECT on the views only.
 * Shared by every database on a server until each got its own (1796210000000).
 */
export const LEGACY_MAIL_READER_ROLE = 'yubin_mail_reader';
/** The role Dovecot's quota dict connected as: writes `mailserver.quota_usage` only. */
export const LEGACY_MAIL_QUOTA_WRITER_ROLE = 'yubin_mail_quota';
const MAIL_READER_ROLE = LEGACY_MAIL_READER_ROLE;
const MAIL_QUOTA_WRITER_ROLE = LEGACY_MAIL_QUOTA_WRITER_ROLE;

/** A mailbox the mail server may deliver to and log in: live, active, in an active domain. */
const DELIVERABLE_MAILBOX = `m.deleted_at IS NULL AND m.active AND d.active`;

/**
 * An alias row at a mailbox's own address is that mailbox's forwarding (ADR 0004): it
 * delivers only while that mailbox is live and active. An alias at an address no mailbox
 * row has ever used is a plain alias. `a` is the alias row.
 */
const ALIAS_MAY_DELIVER = `COALESCE(
        (SELECT own.active FROM public.mailbox own
          WHERE own.address = a.address AND own.deleted_at IS NULL),
        NOT EXISTS (SELECT 1 FROM public.mailbox own
                     WHERE own.domain_id = a.domain_id AND own.address = a.address))`;

/**
 * The daemon contract (ADR 0006): the `mailserver` schema holds every view Postfix and
 * Dovecot read, and the one table Dovecot writes (quota usage). Two least-privilege
 * roles use it. Roles are cluster-wide, so they are created only when missing and are
 * granted rights in this database only; down() revokes those rights and drops a role
 * only when no other database still grants it anything. The roles' passwords come from
 * Yubin's configuration (MAIL_READER_PASSWORD, MAIL_QUOTA_WRITER_PASSWORD), never from
 * here.
 *
 * Every view is a security barrier: the reader role cannot push a function of its own
 * below the views' filters to see rows they hide (inactive or deleted mailboxes' hashes).
 */
export class MailServerContract1796083200000 implements MigrationInterface {
  name = 'MailServerContract1796083200000';

  async up(db: QueryRunner): Promise<void> {
    // Lookups by local part within a domain, for alias domains (user@alias → user@target).
    await db.query(
      `CREATE INDEX "ix_mailbox_domain_local_part" ON "mailbox" ("domain_id", "local_part") WHERE "deleted_at" IS NULL`,
    );
    await db.query(
      `CREATE INDEX "ix_alias_domain_local_part" ON "alias" ("domain_id", "local_part")`,
    );

    await db.query(`CREATE SCHEMA "mailserver"`);

    // Postfix: virtual_mailbox_domains. Every domain and alias domain, active or not: an
    // inactive one stays hosted here, so mail for it is refused as unknown (550) rather
    // than treated as relaying (which Postfix defers); nothing in it receives, because
    // every other view requires an active domain.
    await db.query(`
      CREATE VIEW mailserver.virtual_domains WITH (security_barrier) AS
        SELECT d.name AS domain
          FROM public.domain d
        UNION ALL
        SELECT ad.name
          FROM public.alias_domain ad`);

    // Postfix: virtual_mailbox_maps (recipient validation; delivery is by LMTP).
    await db.query(`
      CREATE VIEW mailserver.virtual_mailboxes WITH (security_barrier) AS
        SELECT m.address, d.name || '/' || m.id::text AS maildir
          FROM public.mailbox m
          JOIN public.domain d ON d.id = m.domain_id
         WHERE ${DELIVERABLE_MAILBOX}`);

    // Postfix: virtual_alias_maps, by exact key: `user@domain` or the catch-all `@domain`.
    // Every deliverable mailbox maps to itself, so a catch-all never swallows it; an
    // active forwarding replaces that self-mapping (list the address among the
    // destinations to keep a copy). Postfix looks up the full address in every table
    // before it tries `@domain`, so an exact address beats a catch-all.
    await db.query(`
      CREATE VIEW mailserver.virtual_aliases WITH (security_barrier) AS
        SELECT m.address AS source, m.address AS destination
          FROM public.mailbox m
          JOIN public.domain d ON d.id = m.domain_id
         WHERE ${DELIVERABLE_MAILBOX}
           AND NOT EXISTS (SELECT 1 FROM public.alias f WHERE f.address = m.address AND f.active)
        UNION ALL
        SELECT a.address, t.destination::text
          FROM public.alias a
          JOIN public.domain d ON d.id = a.domain_id
         CROSS JOIN LATERAL unnest(a.destinations) AS t(destination)
         WHERE a.active AND d.active AND ${ALIAS_MAY_DELIVER}`);

    // Postfix: user@alias-domain → user@target, only where the target domain has a
    // mailbox or an alias with that local part (so unknown users are refused at RCPT).
    await db.query(`
      CREATE VIEW mailserver.alias_domain_addresses WITH (security_barrier) AS
        SELECT ad.name AS alias_domain, m.local_part, m.address AS destination
          FROM public.alias_domain ad
          JOIN public.domain d ON d.id = ad.target_domain_id
          JOIN public.mailbox m ON m.domain_id = d.id
         WHERE ad.active AND ${DELIVERABLE_MAILBOX}
        UNION ALL
        SELECT ad.name, a.local_part, a.address
          FROM public.alias_domain ad
          JOIN public.domain d ON d.id = ad.target_domain_id
          JOIN public.alias a ON a.domain_id = d.id
         WHERE ad.active AND d.active AND a.active AND a.local_part <> ''
           AND ${ALIAS_MAY_DELIVER}`);

    // Postfix: the target domain's catch-all also catches the alias domain.
    await db.query(`
      CREATE VIEW mailserver.alias_domain_catchalls WITH (security_barrier) AS
        SELECT ad.name AS alias_domain, t.destination::text AS destination
          FROM public.alias_domain ad
          JOIN public.domain d ON d.id = ad.target_domain_id
          JOIN public.alias a ON a.domain_id = d.id AND a.local_part = ''
         CROSS JOIN LATERAL unnest(a.destinations) AS t(destination)
         WHERE ad.active AND d.active AND a.active`);

    // Postfix: smtpd_sender_login_maps. A mailbox may send as itself and as every alias
    // that delivers to it; not as a catch-all, and not as another mailbox whose
    // forwarding happens to point at it.
    await db.query(`
      CREATE VIEW mailserver.sender_logins WITH (security_barrier) AS
        SELECT m.address AS sender, m.address AS login
          FROM public.mailbox m
          JOIN public.domain d ON d.id = m.domain_id
         WHERE ${DELIVERABLE_MAILBOX}
        UNION ALL
        SELECT a.address, m.address
          FROM public.alias a
          JOIN public.domain ad ON ad.id = a.domain_id
         CROSS JOIN LATERAL unnest(a.destinations) AS t(destination)
          JOIN public.mailbox m ON m.address = t.destination AND m.deleted_at IS NULL AND m.active
          JOIN public.domain d ON d.id = m.domain_id AND d.active
         WHERE a.active AND ad.active AND a.local_part <> ''
           AND NOT EXISTS (SELECT 1 FROM public.mailbox own
                            WHERE own.domain_id = a.domain_id AND own.address = a.address)`);

    // Postfix: the same for addresses in alias domains (user@alias, alias@alias).
    await db.query(`
      CREATE VIEW mailserver.alias_domain_sender_logins WITH (security_barrier) AS
        SELECT ad.name AS alias_domain, m.local_part, m.address AS login
          FROM public.alias_domain ad
          JOIN public.domain d ON d.id = ad.target_domain_id
          JOIN public.mailbox m ON m.domain_id = d.id
         WHERE ad.active AND ${DELIVERABLE_MAILBOX}
        UNION ALL
        SELECT ad.name, a.local_part, m.address
          FROM public.alias_domain ad
          JOIN public.domain td ON td.id = ad.target_domain_id
          JOIN public.alias a ON a.domain_id = td.id
         CROSS JOIN LATERAL unnest(a.destinations) AS t(destination)
          JOIN public.mailbox m ON m.address = t.destination AND m.deleted_at IS NULL AND m.active
          JOIN public.domain d ON d.id = m.domain_id AND d.active
         WHERE ad.active AND td.active AND a.active AND a.local_part <> ''
           AND NOT EXISTS (SELECT 1 FROM public.mailbox own
                            WHERE own.domain_id = a.domain_id AND own.address = a.address)`);

    // Dovecot passdb: one row per enabled protocol; the query matches the service (%s).
    // mustChangePassword does not block the mail protocols (ADR 0006).
    await db.query(`
      CREATE VIEW mailserver.passdb WITH (security_barrier) AS
        SELECT m.address AS username, p.service, m.password_hash AS password
          FROM public.mailbox m
          JOIN public.domain d ON d.id = m.domain_id
         CROSS JOIN LATERAL (VALUES ('imap', m.imap_enabled),
                                    ('pop3', m.pop3_enabled),
                                    ('smtp', m.smtp_enabled)) AS p(service, enabled)
         WHERE ${DELIVERABLE_MAILBOX} AND p.enabled`);

    // Dovecot userdb: where the mail lives (by mailbox id, so a new mailbox at a reused
    // address starts empty and a restored one finds its mail) and the storage limit:
    // the mailbox quota, capped by what the domain pool has left on real usage.
    // NULL means unlimited.
    await db.query(`
      CREATE VIEW mailserver.userdb WITH (security_barrier) AS
        SELECT m.address AS username,
               d.name || '/' || m.id::text AS maildir,
               q.limit_bytes AS quota_bytes,
               '*:storage=' || q.limit_bytes::text || 'B' AS quota_rule
          FROM public.mailbox m
          JOIN public.domain d ON d.id = m.domain_id
         CROSS JOIN LATERAL (SELECT CASE
             WHEN d.quota_bytes = 0 THEN NULLIF(m.quota_bytes, 0)
             WHEN m.quota_bytes = 0 THEN GREATEST(d.quota_bytes - d.used_bytes + m.used_bytes, 1)
             ELSE LEAST(m.quota_bytes, GREATEST(d.quota_bytes - d.used_bytes + m.used_bytes, 1))
           END AS limit_bytes) q
         WHERE ${DELIVERABLE_MAILBOX}`);

    // Dovecot's quota_clone writes usage here; a trigger copies it to the mailbox (and,
    // through the mailbox trigger below, to the domain). The writer role needs no
    // other right: the function runs as its owner.
    await db.query(`
      CREATE TABLE mailserver.quota_usage (
        "username" character varying(254) COLLATE "C" NOT NULL,
        "bytes" bigint NOT NULL DEFAULT 0,
        "messages" bigint NOT NULL DEFAULT 0,
        CONSTRAINT "pk_quota_usage" PRIMARY KEY ("username"))`);
    await db.query(`
      CREATE FUNCTION mailserver.copy_quota_usage() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
      BEGIN
        UPDATE public.mailbox SET used_bytes = GREATEST(NEW.bytes, 0)
         WHERE address = NEW.username AND deleted_at IS NULL
           AND used_bytes <> GREATEST(NEW.bytes, 0);
        RETURN NULL;
      END $$`);
    await db.query(`REVOKE ALL ON FUNCTION mailserver.copy_quota_usage() FROM PUBLIC`);
    await db.query(`
      CREATE TRIGGER "copy_quota_usage" AFTER INSERT OR UPDATE OF bytes ON mailserver.quota_usage
      FOR EACH ROW EXECUTE FUNCTION mailserver.copy_quota_usage()`);

    // domain.used_bytes = the sum over its live mailboxes, kept by trigger like the counters.
    await db.query(`
      CREATE FUNCTION "domain_sum_used_bytes"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.deleted_at IS NULL AND NEW.used_bytes <> 0 THEN
          UPDATE public.domain SET used_bytes = used_bytes + NEW.used_bytes WHERE id = NEW.domain_id;
        END IF;
        IF TG_OP IN ('DELETE', 'UPDATE') AND OLD.deleted_at IS NULL AND OLD.used_bytes <> 0 THEN
          UPDATE public.domain SET used_bytes = used_bytes - OLD.used_bytes WHERE id = OLD.domain_id;
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER "mailbox_used_bytes" AFTER INSERT OR DELETE OR UPDATE OF used_bytes, deleted_at, domain_id ON "mailbox"
      FOR EACH ROW EXECUTE FUNCTION "domain_sum_used_bytes"()`);
    await db.query(`
      UPDATE domain d SET used_bytes = COALESCE(
        (SELECT sum(m.used_bytes) FROM mailbox m WHERE m.domain_id = d.id AND m.deleted_at IS NULL), 0)`);

    // The roles: created once per cluster (two databases may migrate at the same time).
    for (const role of [MAIL_READER_ROLE, MAIL_QUOTA_WRITER_ROLE]) {
      await db.query(`
        DO $$ BEGIN
          CREATE ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END $$`);
      await db.query(`
        DO $$ BEGIN
          EXECUTE format('GRANT CONNECT ON DATABASE %I TO ${role}', current_database());
        END $$`);
      await db.query(`GRANT USAGE ON SCHEMA mailserver TO ${role}`);
    }
    for (const view of MAIL_VIEWS) {
      await db.query(`GRANT SELECT ON mailserver.${view} TO ${MAIL_READER_ROLE}`);
    }
    // The daemons send plain text, so every lookup is planned, and planning costs more
    // than running it. Each view is written to drive from its key's index: the reader
    // joins in the order written, which cuts planning of the widest view by two thirds.
    for (const setting of ['join_collapse_limit', 'from_collapse_limit']) {
      await db.query(`
        DO $$ BEGIN
          EXECUTE format('ALTER ROLE ${MAIL_READER_ROLE} IN DATABASE %I SET ${setting} = 1', current_database());
        END $$`);
    }
    // SELECT because Dovecot writes with INSERT … ON CONFLICT DO UPDATE.
    await db.query(
      `GRANT SELECT, INSERT, UPDATE ON mailserver.quota_usage TO ${MAIL_QUOTA_WRITER_ROLE}`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER "mailbox_used_bytes" ON "mailbox"`);
    await db.query(`DROP FUNCTION "domain_sum_used_bytes"()`);
    await db.query(`DROP TRIGGER "copy_quota_usage" ON mailserver.quota_usage`);
    await db.query(`DROP FUNCTION mailserver.copy_quota_usage()`);
    await db.query(`DROP TABLE mailserver.quota_usage`);
    for (const view of [...MAIL_VIEWS].reverse()) {
      await db.query(`DROP VIEW mailserver.${view}`);
    }
    await db.query(`DROP SCHEMA "mailserver"`);
    await db.query(`DROP INDEX "ix_alias_domain_local_part"`);
    await db.query(`DROP INDEX "ix_mailbox_domain_local_part"`);
    await db.query(`
      DO $$ BEGIN
        EXECUTE format('ALTER ROLE ${MAIL_READER_ROLE} IN DATABASE %I RESET ALL', current_database());
      END $$`);
    for (const role of [MAIL_READER_ROLE, MAIL_QUOTA_WRITER_ROLE]) {
      await db.query(`
        DO $$ BEGIN
          EXECUTE format('REVOKE CONNECT ON DATABASE %I FROM ${role}', current_database());
        END $$`);
      // Other databases on this server may still use the role; it stays for them.
      await db.query(`
        DO $$ BEGIN
          DROP ROLE IF EXISTS ${role};
        EXCEPTION WHEN dependent_objects_still_exist THEN NULL;
        END $$`);
    }
  }
}

/** In creation order. */
const MAIL_VIEWS = [
  'virtual_domains',
  'virtual_mailboxes',
  'virtual_aliases',
  'alias_domain_addresses',
  'alias_domain_catchalls',
  'sender_logins',
  'alias_domain_sender_logins',
  'passdb',
  'userdb',
] as const;
