import type pg from 'pg';

/**
 * The baseline the daemon lookups are measured against: the table layout PostfixAdmin
 * documents (its `domain`, `mailbox`, `alias` and `alias_domain` tables, with the indexes
 * its setup creates) and the queries its documentation gives Postfix and Dovecot, in their
 * PostgreSQL form (`active = 't'`, `||` for concatenation). It lives in its own schema of
 * the benchmark database and is filled from Yubin's tables, so both hold the same logical
 * data: every live mailbox (with the alias row PostfixAdmin keeps at each mailbox's own
 * address), every alias with its destinations joined by commas, and every alias domain,
 * which PostfixAdmin also lists as a domain.
 */
export const BASELINE_SCHEMA = 'postfixadmin';
/** Read-only, like the daemons' own database user in PostfixAdmin's guide. */
export const BASELINE_ROLE = 'yubin_bench_postfixadmin';

/** PostfixAdmin's documented Postfix and Dovecot queries (PostgreSQL form). */
export const BASELINE_QUERIES = {
  virtualDomains: "SELECT domain FROM domain WHERE domain = '%s' AND active = 't'",
  virtualMailboxes: "SELECT maildir FROM mailbox WHERE username = '%s' AND active = 't'",
  virtualAliases: "SELECT goto FROM alias WHERE address = '%s' AND active = 't'",
  aliasDomainAliases:
    "SELECT goto FROM alias, alias_domain WHERE alias_domain.alias_domain = '%d' AND alias.address = '%u' || '@' || alias_domain.target_domain AND alias.active = 't' AND alias_domain.active = 't'",
  aliasDomainCatchall:
    "SELECT goto FROM alias, alias_domain WHERE alias_domain.alias_domain = '%d' AND alias.address = '@' || alias_domain.target_domain AND alias.active = 't' AND alias_domain.active = 't'",
  /** smtpd_sender_login_maps: PostfixAdmin's guide uses its mailbox map. */
  senderLogins: "SELECT username FROM mailbox WHERE username = '%s' AND active = 't'",
  passwordQuery:
    "SELECT username AS user, password FROM mailbox WHERE username = '%u' AND active = 't'",
  userQuery:
    "SELECT '/var/vmail/' || maildir AS home, 1001 AS uid, 1001 AS gid, '*:bytes=' || quota AS quota_rule FROM mailbox WHERE username = '%u' AND active = 't'",
} as const;

/** Creates the baseline schema, fills it from Yubin's tables and analyses it. */
export async function buildBaseline(client: pg.Client, passwordVerifier: string): Promise<number> {
  const started = Date.now();
  const s = BASELINE_SCHEMA;
  await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  await client.query(`CREATE SCHEMA ${s}`);
  await client.query(`
    CREATE TABLE ${s}.domain (
      domain varchar(255) NOT NULL PRIMARY KEY,
      description varchar(255) NOT NULL DEFAULT '',
      aliases integer NOT NULL DEFAULT 0,
      mailboxes integer NOT NULL DEFAULT 0,
      maxquota bigint NOT NULL DEFAULT 0,
      quota bigint NOT NULL DEFAULT 0,
      transport varchar(255),
      backupmx boolean NOT NULL DEFAULT false,
      created timestamptz DEFAULT now(),
      modified timestamptz DEFAULT now(),
      active boolean NOT NULL DEFAULT true)`);
  await client.query(`CREATE INDEX domain_domain_active ON ${s}.domain (domain, active)`);
  await client.query(`
    CREATE TABLE ${s}.mailbox (
      username varchar(255) NOT NULL PRIMARY KEY,
      password varchar(255) NOT NULL DEFAULT '',
      name varchar(255) NOT NULL DEFAULT '',
      maildir varchar(255) NOT NULL DEFAULT '',
      quota bigint NOT NULL DEFAULT 0,
      local_part varchar(255) NOT NULL,
      domain varchar(255) NOT NULL REFERENCES ${s}.domain,
      created timestamptz DEFAULT now(),
      modified timestamptz DEFAULT now(),
      active boolean NOT NULL DEFAULT true)`);
  await client.query(`CREATE INDEX mailbox_username_active ON ${s}.mailbox (username, active)`);
  await client.query(`
    CREATE TABLE ${s}.alias (
      address varchar(255) NOT NULL PRIMARY KEY,
      goto text NOT NULL,
      domain varchar(255) NOT NULL REFERENCES ${s}.domain,
      created timestamptz DEFAULT now(),
      modified timestamptz DEFAULT now(),
      active boolean NOT NULL DEFAULT true)`);
  await client.query(`CREATE INDEX alias_address_active ON ${s}.alias (address, active)`);
  await client.query(`
    CREATE TABLE ${s}.alias_domain (
      alias_domain varchar(255) NOT NULL PRIMARY KEY REFERENCES ${s}.domain (domain) ON DELETE CASCADE,
      target_domain varchar(255) NOT NULL REFERENCES ${s}.domain (domain) ON DELETE CASCADE,
      created timestamptz DEFAULT now(),
      modified timestamptz DEFAULT now(),
      active boolean NOT NULL DEFAULT true)`);
  await client.query(
    `CREATE INDEX alias_domain_active ON ${s}.alias_domain (alias_domain, active)`,
  );

  await client.query(`
    INSERT INTO ${s}.domain (domain, description, active)
    SELECT name, description, active FROM public.domain
    UNION ALL
    SELECT name, '', active FROM public.alias_domain`);
  await client.query(`
    INSERT INTO ${s}.mailbox (username, password, name, maildir, quota, local_part, domain, active)
    SELECT m.address, m.password_hash, m.display_name, d.name || '/' || m.id || '/',
           m.quota_bytes, m.local_part, d.name, m.active
      FROM public.mailbox m JOIN public.domain d ON d.id = m.domain_id
     WHERE m.deleted_at IS NULL`);
  // PostfixAdmin keeps an alias row at every mailbox's own address (itself, or its
  // forwarding), so that a catch-all never takes a mailbox's mail.
  await client.query(`
    INSERT INTO ${s}.alias (address, goto, domain, active)
    SELECT username, username, domain, true FROM ${s}.mailbox`);
  await client.query(`
    INSERT INTO ${s}.alias (address, goto, domain, active)
    SELECT a.address, array_to_string(a.destinations, ','), d.name, a.active
      FROM public.alias a JOIN public.domain d ON d.id = a.domain_id
    ON CONFLICT (address) DO UPDATE SET goto = excluded.goto, active = excluded.active`);
  await client.query(`
    INSERT INTO ${s}.alias_domain (alias_domain, target_domain, active)
    SELECT ad.name, d.name, ad.active
      FROM public.alias_domain ad JOIN public.domain d ON d.id = ad.target_domain_id`);
  for (const table of ['domain', 'mailbox', 'alias', 'alias_domain']) {
    await client.query(`VACUUM ANALYZE ${s}.${table}`);
  }

  await client.query(`
    DO $$ BEGIN
      CREATE ROLE ${BASELINE_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`);
  const { rows } = await client.query<{ statement: string }>(
    `SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', $1::text, $2::text) AS statement`,
    [BASELINE_ROLE, passwordVerifier],
  );
  const statement = rows[0]?.statement;
  if (statement === undefined) throw new Error('format() returned nothing');
  await client.query(statement);
  await client.query(`
    DO $$ BEGIN
      EXECUTE format('GRANT CONNECT ON DATABASE %I TO ${BASELINE_ROLE}', current_database());
    END $$`);
  await client.query(`GRANT USAGE ON SCHEMA ${s} TO ${BASELINE_ROLE}`);
  await client.query(`GRANT SELECT ON ALL TABLES IN SCHEMA ${s} TO ${BASELINE_ROLE}`);
  return (Date.now() - started) / 1000;
}
