import { createHash } from 'node:crypto';
import type pg from 'pg';

export interface DaemonSeedPlan {
  domains: number;
  /** Per domain. */
  mailboxesPerDomain: number;
  /** Per domain; every tenth domain's last one is its catch-all. */
  aliasesPerDomain: number;
  /** The first N domains each get an alias domain `alias-d<i>.bench`. */
  aliasDomains: number;
}

/** Key shapes the seed creates, for lookups that hit. */
export const keys = {
  domain: (i: number) => `d${i}.bench`,
  aliasDomain: (i: number) => `alias-d${i}.bench`,
  mailbox: (i: number, j: number) => `u${j}@d${i}.bench`,
  alias: (i: number, k: number) => `a${k}@d${i}.bench`,
  /** Each domain's first mailbox has one app password, `app-d<i>.bench`; its lookup key: */
  appPasswordKey: (i: number) => createHash('sha256').update(`app-d${i}.bench`).digest('hex'),
};

/**
 * Seeds the directory through SQL for the daemon benchmark: `domains` domains, each with
 * `mailboxesPerDomain` mailboxes (`u<j>@d<i>.bench`) and `aliasesPerDomain` aliases
 * (`a<k>@d<i>.bench` → `u<k mod m + 1>@…`). One precomputed hash for every mailbox;
 * the counting triggers and those of the lookup tables are off during the load; the counts
 * are set and the lookup tables rebuilt from the views once at the end.
 */
export async function seedForDaemons(
  client: pg.Client,
  plan: DaemonSeedPlan,
  passwordHash: string,
  log: (line: string) => void,
): Promise<number> {
  const started = Date.now();
  const triggers: [string, string][] = [
    ['mailbox', 'mailbox_count'],
    ['mailbox', 'mailbox_used_bytes'],
    ['alias', 'alias_count'],
    // The daemons' lookup tables are rebuilt once from the views at the end.
    ...['domain', 'mailbox', 'alias', 'alias_domain', 'app_password'].map(
      (table): [string, string] => [table, 'mail_maps_insert'],
    ),
  ];
  for (const [table, trigger] of triggers) {
    await client.query(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`);
  }
  try {
    await client.query(
      `INSERT INTO domain (name, description)
       SELECT 'd' || i || '.bench', 'daemon benchmark' FROM generate_series(1, $1::int) AS i`,
      [plan.domains],
    );
    const chunk = 10_000;
    for (let from = 1; from <= plan.domains; from += chunk) {
      const to = Math.min(plan.domains, from + chunk - 1);
      await client.query(
        `INSERT INTO mailbox (domain_id, local_part, address, password_hash, quota_bytes)
         SELECT d.id, 'u' || j, 'u' || j || '@' || d.name, $1, 1073741824
           FROM generate_series($2::int, $3::int) AS i
           JOIN domain d ON d.name = 'd' || i || '.bench'
          CROSS JOIN generate_series(1, $4::int) AS j`,
        [passwordHash, from, to, plan.mailboxesPerDomain],
      );
      await client.query(
        `INSERT INTO alias (domain_id, local_part, address, destinations)
         SELECT d.id,
                CASE WHEN i % 10 = 0 AND k = $3 THEN '' ELSE 'a' || k END,
                CASE WHEN i % 10 = 0 AND k = $3 THEN '@' || d.name ELSE 'a' || k || '@' || d.name END,
                ARRAY['u' || (k % $4 + 1) || '@' || d.name]::varchar[]
           FROM generate_series($1::int, $2::int) AS i
           JOIN domain d ON d.name = 'd' || i || '.bench'
          CROSS JOIN generate_series(1, $3::int) AS k`,
        [from, to, plan.aliasesPerDomain, plan.mailboxesPerDomain],
      );
      await client.query(
        `INSERT INTO app_password (mailbox_id, name, password_hash, lookup_key, protocols)
         SELECT m.id, 'benchmark', $1, encode(sha256(('app-' || d.name)::bytea), 'hex'), '{imap,smtp}'
           FROM generate_series($2::int, $3::int) AS i
           JOIN domain d ON d.name = 'd' || i || '.bench'
           JOIN mailbox m ON m.domain_id = d.id AND m.local_part = 'u1'`,
        [passwordHash, from, to],
      );
      if (to % 20_000 === 0 || to === plan.domains) {
        log(`  ${to.toLocaleString('en')} / ${plan.domains.toLocaleString('en')} domains filled`);
      }
    }
    await client.query(
      `INSERT INTO alias_domain (name, target_domain_id)
       SELECT 'alias-' || d.name, d.id
         FROM generate_series(1, $1::int) AS i JOIN domain d ON d.name = 'd' || i || '.bench'`,
      [plan.aliasDomains],
    );
  } finally {
    for (const [table, trigger] of triggers) {
      await client.query(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`);
    }
  }
  await client.query(`
    UPDATE domain SET mailbox_count = c.n
      FROM (SELECT domain_id, count(*)::int AS n FROM mailbox WHERE deleted_at IS NULL GROUP BY domain_id) c
     WHERE c.domain_id = domain.id`);
  await client.query(`
    UPDATE domain SET alias_count = c.n
      FROM (SELECT domain_id, count(*)::int AS n FROM alias GROUP BY domain_id) c
     WHERE c.domain_id = domain.id`);
  for (const table of ['domain', 'mailbox', 'alias', 'alias_domain', 'app_password']) {
    await client.query(`VACUUM ANALYZE ${table}`);
  }
  const rebuilt = Date.now();
  await client.query('SELECT mailserver.rebuild_maps()');
  await client.query('VACUUM ANALYZE mailserver.domain_quota_map');
  const { rows } = await client.query<{ name: string }>(
    `SELECT relname AS name FROM pg_class
      WHERE relnamespace = 'mailserver'::regnamespace AND relkind = 'r' AND relname LIKE '%\\_map'`,
  );
  for (const { name } of rows) await client.query(`VACUUM ANALYZE mailserver.${name}`);
  log(`  lookup tables rebuilt in ${((Date.now() - rebuilt) / 1000).toFixed(0)} s`);
  return (Date.now() - started) / 1000;
}
