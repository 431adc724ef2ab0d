import { Injectable } from '@nestjs/common';
import type { Reach } from '../../common/auth/principal.js';
import { Database } from '../../infra/database/database.js';
import { reachSqlAt } from '../../infra/database/reach.js';

export interface AddressUse {
  mailbox: boolean;
  alias: boolean;
  /** The address is a principal's the reach cannot act on (a superadmin's mailbox). */
  outOfReach: boolean;
}

/** Mailboxes and aliases share one address space; this answers who holds an address. */
@Injectable()
export class AddressesRepository {
  constructor(private readonly db: Database) {}

  /** Serialises creation of one address until the transaction ends. */
  async lock(address: string): Promise<void> {
    await this.db.manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `address:${address}`,
    ]);
  }

  async use(address: string, reach: Reach): Promise<AddressUse> {
    const reachable = reachSqlAt(reach, { address: '$1' }, 2);
    const rows: AddressUse[] = await this.db.manager.query(
      `SELECT EXISTS (SELECT 1 FROM mailbox WHERE address = $1 AND deleted_at IS NULL) AS mailbox,
              EXISTS (SELECT 1 FROM alias WHERE address = $1) AS alias,
              NOT ${reachable.sql} AS "outOfReach"`,
      [address, ...reachable.params],
    );
    return rows[0] as AddressUse;
  }

  /**
   * The addresses among `addresses` that lie in a domain Yubin hosts (directly or as an
   * alias domain) within `reach`, and that nothing there receives: no mailbox, alias or
   * catch-all. Out-of-reach domains are never answered for (whether an address exists
   * there is not the caller's to learn), and a mailbox the reach cannot see counts as absent.
   */
  async unknownHosted(addresses: readonly string[], reach: Reach): Promise<string[]> {
    if (addresses.length === 0) return [];
    const domainReach = reachSqlAt(reach, { domainId: 'w.domain_id' }, 2);
    const mailboxReach = reachSqlAt(reach, { mailboxId: 'm.id' }, 2 + domainReach.params.length);
    const rows: { address: string }[] = await this.db.manager.query(
      `WITH given AS (
         SELECT a AS address, substring(a FROM '@([^@]*)$') AS domain FROM unnest($1::text[]) a
       ), wanted AS (
         SELECT g.address, h.domain_id,
                lower(left(g.address, length(g.address) - length(g.domain) - 1)) || '@' || h.target
                  AS delivered, '@' || h.target AS catch_all
           FROM given g
           JOIN (SELECT d.name, d.id AS domain_id, d.name AS target FROM domain d
                 UNION ALL
                 SELECT ad.name, t.id, t.name FROM alias_domain ad
                   JOIN domain t ON t.id = ad.target_domain_id) h ON h.name = g.domain
       )
       SELECT w.address FROM wanted w
        WHERE ${domainReach.sql}
          AND NOT EXISTS (SELECT 1 FROM mailbox m
                           WHERE m.address = w.delivered AND m.deleted_at IS NULL
                             AND ${mailboxReach.sql})
          AND NOT EXISTS (SELECT 1 FROM alias a WHERE a.address IN (w.delivered, w.catch_all))
        ORDER BY array_position($1::text[], w.address)`,
      [addresses, ...domainReach.params, ...mailboxReach.params],
    );
    return rows.map((row) => row.address);
  }

  /**
   * How many stored addresses in hosted domains have a local part outside `pattern` (the
   * alphabet of ADR 0010): mailboxes (deleted ones too), aliases, and admin sign-in addresses.
   */
  async countOutsideAlphabet(
    pattern: string,
  ): Promise<{ mailboxes: number; aliases: number; admins: number }> {
    const rows: { mailboxes: number; aliases: number; admins: number }[] =
      await this.db.manager.query(
        `SELECT (SELECT count(*)::int FROM mailbox WHERE local_part !~ $1) AS mailboxes,
                (SELECT count(*)::int FROM alias WHERE split_part(address, '@', 1) !~ $1) AS aliases,
                (SELECT count(*)::int FROM admin_account
                  WHERE split_part(email, '@', 1) !~ $1
                    AND split_part(email, '@', 2) IN (SELECT name FROM domain
                                                      UNION SELECT name FROM alias_domain)) AS admins`,
        [pattern],
      );
    return rows[0] as { mailboxes: number; aliases: number; admins: number };
  }
}
