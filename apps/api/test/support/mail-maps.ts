/**
 * The daemons' lookup tables (ADR 0011) against the views that define them: for each
 * table, the rows it has that its view has not, and the rows it lacks. Each comparison is
 * one statement, so it sees one committed state whatever else is writing.
 */
const COMPARISONS: Record<string, { table: string; view: string }> = {
  domain_map: {
    table: 'SELECT domain FROM mailserver.domain_map',
    view: 'SELECT domain FROM mailserver.virtual_domains',
  },
  mailbox_map: {
    table: 'SELECT address, maildir FROM mailserver.mailbox_map',
    view: 'SELECT address, maildir FROM mailserver.virtual_mailboxes',
  },
  alias_map: {
    table: 'SELECT source, destination FROM mailserver.alias_map',
    view: 'SELECT source, destination FROM mailserver.virtual_aliases',
  },
  alias_domain_map: {
    table: 'SELECT alias_domain, local_part, destination FROM mailserver.alias_domain_map',
    view: 'SELECT alias_domain, local_part, destination FROM mailserver.alias_domain_addresses',
  },
  alias_domain_catchall_map: {
    table: 'SELECT alias_domain, destination FROM mailserver.alias_domain_catchall_map',
    view: 'SELECT alias_domain, destination FROM mailserver.alias_domain_catchalls',
  },
  sender_map: {
    table: 'SELECT sender, login FROM mailserver.sender_map',
    view: 'SELECT sender, login FROM mailserver.sender_logins',
  },
  alias_domain_sender_map: {
    table: 'SELECT alias_domain, local_part, login FROM mailserver.alias_domain_sender_map',
    view: 'SELECT alias_domain, local_part, login FROM mailserver.alias_domain_sender_logins',
  },
  // One row per credential, listing its services; what Dovecot may use of it now.
  passdb_map: {
    table: `SELECT username, service, lookup_key, password
              FROM mailserver.passdb_map CROSS JOIN unnest(services) AS service
             WHERE expires_at IS NULL OR expires_at > now()`,
    view: `SELECT username, service, '' AS lookup_key, password FROM mailserver.passdb
           UNION ALL
           SELECT username, service, lookup_key, password FROM mailserver.app_passdb`,
  },
  userdb_map: {
    table: `SELECT username, maildir, mailserver.quota_rule(domain_id, quota_bytes, used_bytes)
              FROM mailserver.userdb_map`,
    view: 'SELECT username, maildir, quota_rule FROM mailserver.userdb',
  },
};

export const MAP_NAMES = Object.keys(COMPARISONS);

export interface MapDifference {
  map: string;
  /** In the table, not in the view. */
  extra: unknown[];
  /** In the view, not in the table. */
  missing: unknown[];
}

/** A pg pool (rows in `.rows`) or a TypeORM data source (rows returned). */
interface Queryable {
  query(text: string): Promise<unknown>;
}

async function rows(db: Queryable, text: string): Promise<unknown[]> {
  const result = await db.query(text);
  return Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
}

/** Every table that differs from its view (as multisets); empty when all agree. */
export async function mapDifferences(db: Queryable): Promise<MapDifference[]> {
  const differences: MapDifference[] = [];
  for (const [map, { table, view }] of Object.entries(COMPARISONS)) {
    const extra = await rows(db, `(${table}) EXCEPT ALL (${view})`);
    const missing = await rows(db, `(${view}) EXCEPT ALL (${table})`);
    if (extra.length > 0 || missing.length > 0) differences.push({ map, extra, missing });
  }
  return differences;
}

/** How many rows each table holds, to show a comparison was not of empty tables. */
export async function mapSizes(db: Queryable): Promise<Record<string, number>> {
  const sizes: Record<string, number> = {};
  for (const map of MAP_NAMES) {
    const [row] = (await rows(db, `SELECT count(*)::int AS n FROM mailserver.${map}`)) as {
      n: number;
    }[];
    sizes[map] = row?.n ?? 0;
  }
  return sizes;
}
