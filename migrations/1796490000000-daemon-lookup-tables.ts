import type { MigrationInterface, QueryRunner } from 'typeorm';
import { currentMailRoles } from './mail-roles-1796210000000.js';

/** A mailbox the mail server may deliver to and log in: live, active, in an active domain. */
const DELIVERABLE_MAILBOX = `m.deleted_at IS NULL AND m.active AND d.active`;

/** The advisory-lock space of the map refreshes (pg_advisory_xact_lock(space, key)). */
const LOCK_SPACE = 0x59424e4d; // 'YBNM'

/**
 * The flat tables the daemons read (ADR 0011), each keyed by the exact string Postfix or
 * Dovecot asks for, and the view each is a copy of. The views stay the definition; the
 * tables are what makes a lookup one index probe with nothing to plan.
 */
const MAPS = [
  {
    table: 'domain_map',
    columns: `"domain" character varying(253) COLLATE "C" NOT NULL,
              CONSTRAINT "pk_domain_map" PRIMARY KEY ("domain")`,
  },
  {
    table: 'mailbox_map',
    columns: `"address" character varying(254) COLLATE "C" NOT NULL,
              "maildir" text NOT NULL,
              CONSTRAINT "pk_mailbox_map" PRIMARY KEY ("address")`,
  },
  {
    table: 'alias_map',
    columns: `"source" character varying(254) COLLATE "C" NOT NULL,
              "destination" text NOT NULL`,
    index: `("source")`,
  },
  {
    table: 'alias_domain_map',
    columns: `"alias_domain" character varying(253) COLLATE "C" NOT NULL,
              "local_part" character varying(64) COLLATE "C" NOT NULL,
              "destination" text NOT NULL`,
    index: `("alias_domain", "local_part")`,
  },
  {
    table: 'alias_domain_catchall_map',
    columns: `"alias_domain" character varying(253) COLLATE "C" NOT NULL,
              "destination" text NOT NULL`,
    index: `("alias_domain")`,
  },
  {
    table: 'sender_map',
    columns: `"sender" character varying(254) COLLATE "C" NOT NULL,
              "login" text NOT NULL`,
    index: `("sender")`,
  },
  {
    table: 'alias_domain_sender_map',
    columns: `"alias_domain" character varying(253) COLLATE "C" NOT NULL,
              "local_part" character varying(64) COLLATE "C" NOT NULL,
              "login" text NOT NULL`,
    index: `("alias_domain", "local_part")`,
  },
  {
    // One row per credential: the mailbox's own password (lookup_key '') while 2FA is
    // off, and each app password by its key. Dovecot asks once for both.
    table: 'passdb_map',
    columns: `"username" character varying(254) COLLATE "C" NOT NULL,
              "lookup_key" text COLLATE "C" NOT NULL,
              "services" text[] NOT NULL,
              "password" character varying(512) NOT NULL,
              "expires_at" TIMESTAMP WITH TIME ZONE,
              CONSTRAINT "pk_passdb_map" PRIMARY KEY ("username", "lookup_key")`,
  },
  {
    table: 'userdb_map',
    columns: `"username" character varying(254) COLLATE "C" NOT NULL,
              "maildir" text NOT NULL,
              "domain_id" uuid NOT NULL,
              "quota_bytes" bigint NOT NULL,
              "used_bytes" bigint NOT NULL,
              CONSTRAINT "pk_userdb_map" PRIMARY KEY ("username")`,
  },
  {
    // Each domain's storage pool, for the quota rule computed at lookup.
    table: 'domain_quota_map',
    columns: `"domain_id" uuid NOT NULL,
              "quota_bytes" bigint NOT NULL,
              "used_bytes" bigint NOT NULL,
              CONSTRAINT "pk_domain_quota_map" PRIMARY KEY ("domain_id")`,
  },
] as const;

/** The userdb view, with the mailbox's own quota, usage and domain appended for userdb_map. */
const USERDB_VIEW = (extra: boolean) => `
  CREATE VIEW mailserver.userdb WITH (security_barrier) AS
    SELECT m.address AS username,
           d.name || '/' || m.id::text AS maildir,
           q.limit_bytes AS quota_bytes,
           '*:storage=' || q.limit_bytes::text || 'B' AS quota_rule${
             extra
               ? `,
           d.id AS domain_id, m.quota_bytes AS mailbox_quota_bytes, m.used_bytes AS mailbox_used_bytes`
               : ''
           }
      FROM public.mailbox m
      JOIN public.domain d ON d.id = m.domain_id
     CROSS JOIN LATERAL (SELECT CASE
         WHEN d.quota_bytes = 0 THEN NULLIF(m.quota_bytes, 0)
         WHEN m.quota_bytes = 0 THEN GREATEST(d.quota_bytes - d.used_bytes + m.used_bytes, 1)
         ELSE LEAST(m.quota_bytes, GREATEST(d.quota_bytes - d.used_bytes + m.used_bytes, 1))
       END AS limit_bytes) q
     WHERE ${DELIVERABLE_MAILBOX}`;

/** The app_passdb view, with the expiry appended for passdb_map (which filters at lookup). */
const APP_PASSDB_VIEW = (extra: boolean) => `
  CREATE VIEW mailserver.app_passdb WITH (security_barrier) AS
    SELECT m.address AS username, p.service, ap.lookup_key, ap.password_hash AS password${
      extra ? ', ap.expires_at' : ''
    }
      FROM public.app_password ap
      JOIN public.mailbox m ON m.id = ap.mailbox_id
      JOIN public.domain d ON d.id = m.domain_id
     CROSS JOIN LATERAL (VALUES ('imap', m.imap_enabled),
                                ('pop3', m.pop3_enabled),
                                ('smtp', m.smtp_enabled)) AS p(service, enabled)
     WHERE ${DELIVERABLE_MAILBOX} AND p.enabled
       AND ap.lookup_key IS NOT NULL
       AND p.service = ANY (ap.protocols)
       AND (ap.expires_at IS NULL OR ap.expires_at > now())`;

/** Functions the migration creates, in creation order (down() drops them in reverse). */
const FUNCTIONS = [
  'mailserver.quota_rule(uuid, bigint, bigint)',
  'mailserver.lock_domains(text[])',
  'mailserver.refresh_passdb(text[])',
  'mailserver.refresh_userdb(text[])',
  'mailserver.refresh_domain_names(text[])',
  'mailserver.refresh_alias_domains(text[])',
  'mailserver.refresh_addresses(text[], boolean)',
  'mailserver.rebuild_maps()',
  'mailserver.domain_changed()',
  'mailserver.mailbox_changed()',
  'mailserver.alias_changed()',
  'mailserver.alias_domain_changed()',
  'mailserver.app_password_changed()',
  'mailserver.totp_factor_changed()',
] as const;

/** The source tables whose writes refresh the maps, with each one's trigger function. */
const SOURCES = [
  ['domain', 'domain_changed'],
  ['mailbox', 'mailbox_changed'],
  ['alias', 'alias_changed'],
  ['alias_domain', 'alias_domain_changed'],
  ['app_password', 'app_password_changed'],
  ['totp_factor', 'totp_factor_changed'],
] as const;

/** Trigger functions run as the writer, with a pinned search_path. */
const TRIGGER_FUNCTION = `LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp`;

/** Refreshes every map keyed by `keys` (a text[] expression) from its view. */
function refresh(table: string, key: string, view: string, columns: string, keys: string): string {
  return `
    DELETE FROM mailserver.${table} WHERE ${key} = ANY (${keys});
    INSERT INTO mailserver.${table} SELECT ${columns} FROM mailserver.${view} WHERE ${key} = ANY (${keys});`;
}

const PASSDB_ROWS = (where: string) => `
  SELECT username, ''::text, array_agg(service::text ORDER BY service), password, NULL::timestamptz
    FROM mailserver.passdb ${where} GROUP BY username, password
  UNION ALL
  SELECT username, lookup_key::text, array_agg(service::text ORDER BY service), password, expires_at
    FROM mailserver.app_passdb ${where} GROUP BY username, lookup_key, password, expires_at`;

const USERDB_ROWS = `username, maildir, domain_id, mailbox_quota_bytes, mailbox_used_bytes`;

/**
 * Daemon lookups at flat-table speed (ADR 0011). Postfix and Dovecot send every lookup as
 * plain SQL text, so PostgreSQL plans each one anew, and planning the views cost more
 * than running them. Each lookup now reads one flat table in `mailserver`, keyed by the
 * exact string the daemon asks for: one index probe with nothing to plan.
 *
 * The views stay the definition. Statement-level triggers on the source tables (domain,
 * mailbox, alias, alias_domain, app_password, totp_factor) refresh the rows of the keys
 * a statement touched from the views, in the same transaction, so a change applies at
 * the next lookup. Each refresh first takes a transaction-level advisory lock per domain
 * it reads (the changed rows' domains, an alias's destination domains, an alias domain's
 * target), so two transactions refreshing the same key take turns and the later one
 * reads what the earlier one committed.
 *
 * The quota rule depends on the domain pool's live usage, which changes at every
 * delivery: it is computed at lookup by `mailserver.quota_rule` from two rows (a plpgsql
 * function, so its plan is cached per connection). The reader role reads the tables;
 * passdb_map holds only what the passdb views held, and row-level security hides an
 * expired app password from it, as the view did.
 */
export class DaemonLookupTables1796490000000 implements MigrationInterface {
  name = 'DaemonLookupTables1796490000000';

  async up(db: QueryRunner): Promise<void> {
    const { reader } = await currentMailRoles(db);

    // The views gain the columns their tables need.
    await db.query(`DROP VIEW mailserver.userdb`);
    await db.query(USERDB_VIEW(true));
    await db.query(`DROP VIEW mailserver.app_passdb`);
    await db.query(APP_PASSDB_VIEW(true));
    for (const view of ['userdb', 'app_passdb']) {
      await db.query(`GRANT SELECT ON mailserver.${view} TO ${reader}`);
    }

    // Who sends to a mailbox: found when the mailbox changes (sender_map).
    await db.query(`CREATE INDEX "ix_alias_destinations" ON "alias" USING gin ("destinations")`);

    for (const map of MAPS) {
      await db.query(`CREATE TABLE mailserver.${map.table} (${map.columns})`);
      if ('index' in map) {
        await db.query(`CREATE INDEX "ix_${map.table}" ON mailserver.${map.table} ${map.index}`);
      }
    }
    await db.query(`ALTER TABLE mailserver.passdb_map ENABLE ROW LEVEL SECURITY`);
    await db.query(`
      CREATE POLICY "passdb_map_unexpired" ON mailserver.passdb_map FOR SELECT
        USING (expires_at IS NULL OR expires_at > now())`);

    // userdb.quota_rule, computed from the mailbox's row and its domain's pool.
    await db.query(`
      CREATE FUNCTION mailserver.quota_rule(p_domain uuid, p_quota bigint, p_used bigint)
        RETURNS text LANGUAGE plpgsql STABLE AS $$
      DECLARE
        pool bigint;
        pool_used bigint;
        limit_bytes bigint;
      BEGIN
        SELECT q.quota_bytes, q.used_bytes INTO pool, pool_used
          FROM mailserver.domain_quota_map q WHERE q.domain_id = p_domain;
        IF pool IS NULL OR pool = 0 THEN
          limit_bytes := NULLIF(p_quota, 0);
        ELSIF p_quota = 0 THEN
          limit_bytes := GREATEST(pool - pool_used + p_used, 1);
        ELSE
          limit_bytes := LEAST(p_quota, GREATEST(pool - pool_used + p_used, 1));
        END IF;
        RETURN '*:storage=' || limit_bytes::text || 'B';
      END $$`);

    // One lock per domain name, taken in a fixed order.
    await db.query(`
      CREATE FUNCTION mailserver.lock_domains(names text[]) RETURNS void ${TRIGGER_FUNCTION} AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(${LOCK_SPACE}, k)
           FROM (SELECT DISTINCT hashtext(lower(n)) AS k FROM unnest(names) AS n
                  WHERE n IS NOT NULL AND n <> '' ORDER BY 1) AS s;
      END $$`);

    await db.query(`
      CREATE FUNCTION mailserver.refresh_passdb(names text[]) RETURNS void ${TRIGGER_FUNCTION} AS $$
      BEGIN
        DELETE FROM mailserver.passdb_map WHERE username = ANY (names);
        INSERT INTO mailserver.passdb_map ${PASSDB_ROWS('WHERE username = ANY (names)')};
      END $$`);

    await db.query(`
      CREATE FUNCTION mailserver.refresh_userdb(names text[]) RETURNS void ${TRIGGER_FUNCTION} AS $$
      BEGIN
        ${refresh('userdb_map', 'username', 'userdb', USERDB_ROWS, 'names')}
      END $$`);

    await db.query(`
      CREATE FUNCTION mailserver.refresh_domain_names(names text[]) RETURNS void ${TRIGGER_FUNCTION} AS $$
      BEGIN
        DELETE FROM mailserver.domain_map WHERE domain = ANY (names);
        INSERT INTO mailserver.domain_map
        SELECT DISTINCT domain FROM mailserver.virtual_domains WHERE domain = ANY (names);
      END $$`);

    // Everything an alias domain answers. The caller holds the target domains' locks.
    await db.query(`
      CREATE FUNCTION mailserver.refresh_alias_domains(names text[]) RETURNS void ${TRIGGER_FUNCTION} AS $$
      BEGIN
        ${refresh('alias_domain_map', 'alias_domain', 'alias_domain_addresses', 'alias_domain, local_part, destination', 'names')}
        ${refresh('alias_domain_catchall_map', 'alias_domain', 'alias_domain_catchalls', 'alias_domain, destination', 'names')}
        ${refresh('alias_domain_sender_map', 'alias_domain', 'alias_domain_sender_logins', 'alias_domain, local_part, login', 'names')}
        PERFORM mailserver.refresh_domain_names(names);
      END $$`);

    // Everything keyed by these addresses (user@domain, or @domain for a catch-all), and
    // the same local parts in the alias domains of their domains. With `senders`, also
    // the aliases that deliver to them (who may send as those aliases).
    await db.query(`
      CREATE FUNCTION mailserver.refresh_addresses(addresses text[], senders boolean)
        RETURNS void ${TRIGGER_FUNCTION} AS $$
      DECLARE
        keys text[];
        alias_domains text[];
        local_parts text[];
      BEGIN
        PERFORM mailserver.lock_domains(ARRAY(SELECT split_part(a, '@', 2) FROM unnest(addresses) a));
        keys := addresses;
        IF senders THEN
          keys := keys || ARRAY(SELECT a.address::text FROM public.alias a
                                 WHERE a.destinations && addresses::varchar[]);
          -- Their alias domains are read next: lock the aliases' domains too.
          PERFORM mailserver.lock_domains(ARRAY(SELECT split_part(a, '@', 2) FROM unnest(keys) a));
        END IF;
        ${refresh('mailbox_map', 'address', 'virtual_mailboxes', 'address, maildir', 'keys')}
        ${refresh('alias_map', 'source', 'virtual_aliases', 'source, destination', 'keys')}
        ${refresh('sender_map', 'sender', 'sender_logins', 'sender, login', 'keys')}
        PERFORM mailserver.refresh_passdb(keys);
        PERFORM mailserver.refresh_userdb(keys);

        SELECT array_agg(DISTINCT ad.name::text), array_agg(DISTINCT split_part(k, '@', 1))
          INTO alias_domains, local_parts
          FROM unnest(keys) AS k
          JOIN public.domain d ON d.name = split_part(k, '@', 2)
          JOIN public.alias_domain ad ON ad.target_domain_id = d.id;
        IF alias_domains IS NOT NULL THEN
          DELETE FROM mailserver.alias_domain_map
           WHERE alias_domain = ANY (alias_domains) AND local_part = ANY (local_parts);
          INSERT INTO mailserver.alias_domain_map SELECT alias_domain, local_part, destination FROM mailserver.alias_domain_addresses
           WHERE alias_domain = ANY (alias_domains) AND local_part = ANY (local_parts);
          DELETE FROM mailserver.alias_domain_sender_map
           WHERE alias_domain = ANY (alias_domains) AND local_part = ANY (local_parts);
          INSERT INTO mailserver.alias_domain_sender_map SELECT alias_domain, local_part, login FROM mailserver.alias_domain_sender_logins
           WHERE alias_domain = ANY (alias_domains) AND local_part = ANY (local_parts);
          IF '' = ANY (local_parts) THEN
            ${refresh('alias_domain_catchall_map', 'alias_domain', 'alias_domain_catchalls', 'alias_domain, destination', 'alias_domains')}
          END IF;
        END IF;
      END $$`);

    // Every map from its view: the backfill, and a repair after loading data by hand.
    await db.query(`
      CREATE FUNCTION mailserver.rebuild_maps() RETURNS void ${TRIGGER_FUNCTION} AS $$
      BEGIN
        TRUNCATE ${MAPS.map((m) => `mailserver.${m.table}`).join(', ')};
        INSERT INTO mailserver.domain_map SELECT DISTINCT domain FROM mailserver.virtual_domains;
        INSERT INTO mailserver.mailbox_map SELECT address, maildir FROM mailserver.virtual_mailboxes;
        INSERT INTO mailserver.alias_map SELECT source, destination FROM mailserver.virtual_aliases;
        INSERT INTO mailserver.alias_domain_map
        SELECT alias_domain, local_part, destination FROM mailserver.alias_domain_addresses;
        INSERT INTO mailserver.alias_domain_catchall_map
        SELECT alias_domain, destination FROM mailserver.alias_domain_catchalls;
        INSERT INTO mailserver.sender_map SELECT sender, login FROM mailserver.sender_logins;
        INSERT INTO mailserver.alias_domain_sender_map
        SELECT alias_domain, local_part, login FROM mailserver.alias_domain_sender_logins;
        INSERT INTO mailserver.passdb_map ${PASSDB_ROWS('')};
        INSERT INTO mailserver.userdb_map SELECT ${USERDB_ROWS} FROM mailserver.userdb;
        INSERT INTO mailserver.domain_quota_map SELECT id, quota_bytes, used_bytes FROM public.domain;
      END $$`);

    // A domain's name or state changes what every address in it answers; its pool only
    // the quota rule (every delivery: one row).
    await db.query(`
      CREATE FUNCTION mailserver.domain_changed() RETURNS trigger ${TRIGGER_FUNCTION} AS $$
      DECLARE
        names text[];
        ids uuid[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO mailserver.domain_quota_map SELECT id, quota_bytes, used_bytes FROM new_rows;
          names := ARRAY(SELECT name FROM new_rows);
          PERFORM mailserver.lock_domains(names);
          PERFORM mailserver.refresh_domain_names(names);
          RETURN NULL;
        END IF;
        IF TG_OP = 'DELETE' THEN
          DELETE FROM mailserver.domain_quota_map WHERE domain_id IN (SELECT id FROM old_rows);
          names := ARRAY(SELECT name FROM old_rows);
          PERFORM mailserver.lock_domains(names);
          PERFORM mailserver.refresh_domain_names(names);
          RETURN NULL;
        END IF;
        UPDATE mailserver.domain_quota_map q SET quota_bytes = n.quota_bytes, used_bytes = n.used_bytes
          FROM new_rows n WHERE q.domain_id = n.id
           AND (q.quota_bytes, q.used_bytes) IS DISTINCT FROM (n.quota_bytes, n.used_bytes);
        SELECT array_agg(n.id), array_agg(o.name::text) || array_agg(n.name::text) INTO ids, names
          FROM old_rows o JOIN new_rows n ON n.id = o.id
         WHERE (o.name, o.active) IS DISTINCT FROM (n.name, n.active);
        IF ids IS NULL THEN
          RETURN NULL;
        END IF;
        PERFORM mailserver.lock_domains(names);
        PERFORM mailserver.refresh_domain_names(names);
        PERFORM mailserver.refresh_alias_domains(
          ARRAY(SELECT name FROM public.alias_domain WHERE target_domain_id = ANY (ids)));
        PERFORM mailserver.refresh_addresses(
          ARRAY(SELECT address FROM public.mailbox WHERE domain_id = ANY (ids) AND deleted_at IS NULL
                UNION SELECT address FROM public.alias WHERE domain_id = ANY (ids)),
          true);
        RETURN NULL;
      END $$`);

    // A mailbox's usage or quota changes only its quota rule (every delivery); anything
    // else the daemons read refreshes its address everywhere.
    await db.query(`
      CREATE FUNCTION mailserver.mailbox_changed() RETURNS trigger ${TRIGGER_FUNCTION} AS $$
      DECLARE
        addresses text[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          addresses := ARRAY(SELECT address FROM new_rows);
        ELSIF TG_OP = 'DELETE' THEN
          addresses := ARRAY(SELECT address FROM old_rows);
        ELSE
          UPDATE mailserver.userdb_map u SET quota_bytes = n.quota_bytes, used_bytes = n.used_bytes
            FROM old_rows o JOIN new_rows n ON n.id = o.id
           WHERE u.username = n.address AND n.deleted_at IS NULL
             AND (o.quota_bytes, o.used_bytes) IS DISTINCT FROM (n.quota_bytes, n.used_bytes);
          addresses := ARRAY(
            SELECT x.address FROM old_rows o JOIN new_rows n ON n.id = o.id
             CROSS JOIN LATERAL (VALUES (o.address::text), (n.address::text)) AS x(address)
             WHERE (o.address, o.local_part, o.domain_id, o.active, o.deleted_at, o.password_hash,
                    o.imap_enabled, o.pop3_enabled, o.smtp_enabled, o.forward_to, o.keep_copy)
                   IS DISTINCT FROM
                   (n.address, n.local_part, n.domain_id, n.active, n.deleted_at, n.password_hash,
                    n.imap_enabled, n.pop3_enabled, n.smtp_enabled, n.forward_to, n.keep_copy));
        END IF;
        IF cardinality(addresses) > 0 THEN
          PERFORM mailserver.refresh_addresses(addresses, true);
        END IF;
        RETURN NULL;
      END $$`);

    // An alias answers at its address; who may send as it depends on its destinations'
    // mailboxes, so their domains are locked too.
    await db.query(`
      CREATE FUNCTION mailserver.alias_changed() RETURNS trigger ${TRIGGER_FUNCTION} AS $$
      DECLARE
        addresses text[];
        targets text[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          addresses := ARRAY(SELECT address FROM new_rows);
          targets := ARRAY(SELECT unnest(r.destinations) FROM new_rows r);
        ELSIF TG_OP = 'DELETE' THEN
          addresses := ARRAY(SELECT address FROM old_rows);
          targets := ARRAY(SELECT unnest(r.destinations) FROM old_rows r);
        ELSE
          SELECT array_agg(DISTINCT x.address), array_agg(DISTINCT x.destination)
            INTO addresses, targets
            FROM old_rows o JOIN new_rows n ON n.id = o.id
           CROSS JOIN LATERAL (SELECT o.address::text, unnest(o.destinations)::text
                               UNION ALL
                               SELECT n.address::text, unnest(n.destinations)::text) AS x(address, destination)
           WHERE (o.address, o.local_part, o.domain_id, o.destinations, o.active)
                 IS DISTINCT FROM (n.address, n.local_part, n.domain_id, n.destinations, n.active);
        END IF;
        IF cardinality(addresses) > 0 THEN
          PERFORM mailserver.lock_domains(
            ARRAY(SELECT split_part(a, '@', 2) FROM unnest(addresses || targets) a));
          PERFORM mailserver.refresh_addresses(addresses, false);
        END IF;
        RETURN NULL;
      END $$`);

    await db.query(`
      CREATE FUNCTION mailserver.alias_domain_changed() RETURNS trigger ${TRIGGER_FUNCTION} AS $$
      DECLARE
        names text[];
        targets uuid[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          SELECT array_agg(name), array_agg(target_domain_id) INTO names, targets FROM new_rows;
        ELSIF TG_OP = 'DELETE' THEN
          SELECT array_agg(name), array_agg(target_domain_id) INTO names, targets FROM old_rows;
        ELSE
          SELECT array_agg(x.name), array_agg(x.target) INTO names, targets
            FROM old_rows o JOIN new_rows n ON n.id = o.id
           CROSS JOIN LATERAL (VALUES (o.name::text, o.target_domain_id),
                                      (n.name::text, n.target_domain_id)) AS x(name, target)
           WHERE (o.name, o.target_domain_id, o.active)
                 IS DISTINCT FROM (n.name, n.target_domain_id, n.active);
        END IF;
        IF names IS NOT NULL THEN
          PERFORM mailserver.lock_domains(
            names || ARRAY(SELECT name::text FROM public.domain WHERE id = ANY (targets)));
          PERFORM mailserver.refresh_alias_domains(names);
        END IF;
        RETURN NULL;
      END $$`);

    // App passwords and TOTP change only what a mailbox's logins accept.
    for (const [fn, columns] of [
      ['app_password_changed', 'mailbox_id, password_hash, protocols, expires_at, lookup_key'],
      ['totp_factor_changed', 'mailbox_id, confirmed_at'],
    ] as const) {
      const changed = columns
        .split(', ')
        .map((c) => `o.${c}`)
        .join(', ');
      await db.query(`
        CREATE FUNCTION mailserver.${fn}() RETURNS trigger ${TRIGGER_FUNCTION} AS $$
        DECLARE
          ids uuid[];
          addresses text[];
        BEGIN
          IF TG_OP = 'INSERT' THEN
            ids := ARRAY(SELECT mailbox_id FROM new_rows);
          ELSIF TG_OP = 'DELETE' THEN
            ids := ARRAY(SELECT mailbox_id FROM old_rows);
          ELSE
            ids := ARRAY(SELECT x.id FROM old_rows o JOIN new_rows n ON n.id = o.id
                          CROSS JOIN LATERAL (VALUES (o.mailbox_id), (n.mailbox_id)) AS x(id)
                          WHERE (${changed}) IS DISTINCT FROM (${changed.replaceAll('o.', 'n.')}));
          END IF;
          addresses := ARRAY(SELECT DISTINCT address FROM public.mailbox WHERE id = ANY (ids));
          IF cardinality(addresses) > 0 THEN
            PERFORM mailserver.lock_domains(ARRAY(SELECT split_part(a, '@', 2) FROM unnest(addresses) a));
            PERFORM mailserver.refresh_passdb(addresses);
          END IF;
          RETURN NULL;
        END $$`);
    }

    for (const [table, fn] of SOURCES) {
      for (const event of ['INSERT', 'UPDATE', 'DELETE'] as const) {
        const transition =
          event === 'INSERT'
            ? 'NEW TABLE AS new_rows'
            : event === 'DELETE'
              ? 'OLD TABLE AS old_rows'
              : 'OLD TABLE AS old_rows NEW TABLE AS new_rows';
        await db.query(`
          CREATE TRIGGER "mail_maps_${event.toLowerCase()}" AFTER ${event} ON public.${table}
          REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION mailserver.${fn}()`);
      }
    }
    for (const fn of FUNCTIONS) {
      await db.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
    }
    await db.query(
      `GRANT EXECUTE ON FUNCTION mailserver.quota_rule(uuid, bigint, bigint) TO ${reader}`,
    );

    await db.query(`SELECT mailserver.rebuild_maps()`);
    for (const map of MAPS) {
      await db.query(`GRANT SELECT ON mailserver.${map.table} TO ${reader}`);
      await db.query(`ANALYZE mailserver.${map.table}`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    const { reader } = await currentMailRoles(db);
    for (const [table] of SOURCES) {
      for (const event of ['insert', 'update', 'delete']) {
        await db.query(`DROP TRIGGER "mail_maps_${event}" ON public.${table}`);
      }
    }
    for (const fn of [...FUNCTIONS].reverse()) {
      await db.query(`DROP FUNCTION ${fn}`);
    }
    for (const map of [...MAPS].reverse()) {
      await db.query(`DROP TABLE mailserver.${map.table}`);
    }
    await db.query(`DROP INDEX "ix_alias_destinations"`);
    await db.query(`DROP VIEW mailserver.app_passdb`);
    await db.query(APP_PASSDB_VIEW(false));
    await db.query(`DROP VIEW mailserver.userdb`);
    await db.query(USERDB_VIEW(false));
    for (const view of ['userdb', 'app_passdb']) {
      await db.query(`GRANT SELECT ON mailserver.${view} TO ${reader}`);
    }
  }
}
