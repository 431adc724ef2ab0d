import type pg from 'pg';

export interface SeedPlan {
  /** Mailboxes in all. Half go into one big domain, the rest ten to a domain. */
  mailboxes: number;
}

export interface SeedResult {
  bigDomain: string;
  bigDomainMailboxes: number;
  domains: number;
  mailboxes: number;
  seconds: number;
}

export const BIG_DOMAIN = 'big.bench';
const PER_SMALL_DOMAIN = 10;
const CHUNK = 100_000;

/**
 * Seeds through SQL, not the API: one precomputed hash for every mailbox, and the
 * counting triggers off during the load (the counts are set once at the end).
 */
export async function seed(
  client: pg.Client,
  plan: SeedPlan,
  passwordHash: string,
  log: (line: string) => void,
): Promise<SeedResult> {
  const started = Date.now();
  const big = Math.ceil(plan.mailboxes / 2);
  const smallDomains = Math.ceil((plan.mailboxes - big) / PER_SMALL_DOMAIN);
  await client.query('ALTER TABLE mailbox DISABLE TRIGGER mailbox_count');
  try {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO domain (name, description) VALUES ($1, 'benchmark') RETURNING id`,
      [BIG_DOMAIN],
    );
    const bigId = rows[0]?.id;
    for (let from = 1; from <= big; from += CHUNK) {
      const to = Math.min(big, from + CHUNK - 1);
      await client.query(
        `INSERT INTO mailbox (domain_id, local_part, address, display_name, password_hash, quota_bytes)
         SELECT $1, 'user' || i, 'user' || i || '@${BIG_DOMAIN}', 'User ' || i, $2, 1073741824
           FROM generate_series($3::int, $4::int) AS i`,
        [bigId, passwordHash, from, to],
      );
      log(`  ${to.toLocaleString('en')} / ${big.toLocaleString('en')} mailboxes in ${BIG_DOMAIN}`);
    }
    await client.query(
      `INSERT INTO domain (name, description) SELECT 'd' || i || '.bench', 'benchmark' FROM generate_series(1, $1::int) AS i`,
      [smallDomains],
    );
    await client.query(
      `INSERT INTO mailbox (domain_id, local_part, address, display_name, password_hash, quota_bytes)
       SELECT d.id, 'u' || j, 'u' || j || '@' || d.name, 'User ' || j, $1, 1073741824
         FROM domain d CROSS JOIN generate_series(1, $2::int) AS j
        WHERE d.name LIKE 'd%.bench'`,
      [passwordHash, PER_SMALL_DOMAIN],
    );
  } finally {
    await client.query('ALTER TABLE mailbox ENABLE TRIGGER mailbox_count');
  }
  await client.query(`
    UPDATE domain SET mailbox_count = c.n
      FROM (SELECT domain_id, count(*)::int AS n FROM mailbox WHERE deleted_at IS NULL GROUP BY domain_id) c
     WHERE c.domain_id = domain.id`);
  await client.query('VACUUM ANALYZE mailbox');
  await client.query('VACUUM ANALYZE domain');
  const total = await client.query<{ n: string }>('SELECT count(*) AS n FROM mailbox');
  return {
    bigDomain: BIG_DOMAIN,
    bigDomainMailboxes: big,
    domains: smallDomains + 1,
    mailboxes: Number(total.rows[0]?.n),
    seconds: (Date.now() - started) / 1000,
  };
}
