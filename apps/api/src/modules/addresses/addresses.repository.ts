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
