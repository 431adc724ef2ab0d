import { Injectable } from '@nestjs/common';
import { Database } from '../../infra/database/database.js';

/**
 * SQL for a `reservations` array (auth_throttle, login_challenge): `$live` is the
 * cut-off before which a reservation is stale, `$at` the time a reservation was made.
 */
export const reservationsSql = {
  /** The reservations still in flight. */
  live: (column: string, cutoff: string): string =>
    `ARRAY(SELECT r FROM unnest(${column}) AS r WHERE r > ${cutoff})`,
  /** The array without one reservation made at `at` (any one: they are alike). */
  withoutOne: (column: string, at: string): string =>
    `CASE WHEN array_position(${column}, ${at}) IS NULL THEN ${column}
          ELSE ${column}[:array_position(${column}, ${at}) - 1]
            || ${column}[array_position(${column}, ${at}) + 1:] END`,
};

/** The reservation a failure turns into: the attempt's own, any one made after a time, or none. */
export type Settles = { reservedAt: Date } | { liveAfter: Date } | { none: true };

/** What a client address's lock means for one account's mail login. */
export interface AddressStanding {
  /** The client address is locked. */
  addressLocked: boolean;
  /** The account's failures within the failure window. */
  accountFailures: number;
  /** The account signed in successfully from the address recently. */
  known: boolean;
}

export interface ReserveLimits {
  /** Failures before the first lock. */
  freeFailures: number;
  /** A failure count restarts after this long without failures. */
  windowSeconds: number;
  /** Reservations made before this belong to requests that died. */
  staleBefore: Date;
}

@Injectable()
export class ThrottleRepository {
  constructor(private readonly db: Database) {}

  /** The latest lock end among the keys, if any is still locked. */
  async lockedUntil(keys: string[], now: Date): Promise<Date | undefined> {
    const rows: { until: Date | null }[] = await this.db.manager.query(
      'SELECT max(locked_until) AS until FROM auth_throttle WHERE key = ANY($1) AND locked_until > $2',
      [keys, now],
    );
    return rows[0]?.until ?? undefined;
  }

  /**
   * Reserves one attempt at `at`, in one statement that counts and checks: only while
   * the key is not locked and its live failures plus live reservations leave room
   * (`freeFailures + 1 - failures`, at least one). False when there is no room.
   */
  async reserve(key: string, at: Date, limits: ReserveLimits): Promise<boolean> {
    const live = reservationsSql.live('t.reservations', '$3::timestamptz');
    const rows: unknown[] = await this.db.manager.query(
      `INSERT INTO auth_throttle AS t (key, failures, last_failure_at, reservations)
         VALUES ($1, 0, $2, ARRAY[$2::timestamptz])
       ON CONFLICT (key) DO UPDATE SET reservations = array_append(${live}, $2::timestamptz)
         WHERE (t.locked_until IS NULL OR t.locked_until <= $2)
           AND cardinality(${live}) < greatest(1, $4 + 1 -
             CASE WHEN t.last_failure_at < $2::timestamptz - make_interval(secs => $5) THEN 0
                  ELSE t.failures END)
       RETURNING t.key`,
      [key, at, limits.staleBefore, limits.freeFailures, limits.windowSeconds],
    );
    return rows.length > 0;
  }

  /**
   * Records a failure at `now` (a fresh count after a quiet window) and returns the count,
   * turning a reservation into it: the attempt's own, or, for an outcome reported after
   * the fact, any one still live (they are alike), or none. The row stays locked until
   * the caller's transaction ends, so the lock that follows lands before anyone reserves.
   */
  async addFailure(
    key: string,
    settles: Settles,
    now: Date,
    windowSeconds: number,
  ): Promise<number> {
    const at =
      'reservedAt' in settles
        ? '$4::timestamptz'
        : 'liveAfter' in settles
          ? '(SELECT min(r) FROM unnest(t.reservations) AS r WHERE r > $4::timestamptz)'
          : 'NULL::timestamptz';
    const settled =
      'reservedAt' in settles
        ? [settles.reservedAt]
        : 'liveAfter' in settles
          ? [settles.liveAfter]
          : [];
    const rows: { failures: number }[] = await this.db.manager.query(
      `INSERT INTO auth_throttle AS t (key, failures, last_failure_at) VALUES ($1, 1, $2)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN t.last_failure_at < $2::timestamptz - make_interval(secs => $3)
                         THEN 1 ELSE t.failures + 1 END,
         last_failure_at = $2,
         reservations = ${reservationsSql.withoutOne('t.reservations', at)}
       RETURNING failures`,
      [key, now, windowSeconds, ...settled],
    );
    return rows[0]?.failures ?? 1;
  }

  /** Gives back the reservation made at `reservedAt`, the attempt having not failed. */
  async release(key: string, reservedAt: Date): Promise<void> {
    await this.db.manager.query(
      `UPDATE auth_throttle AS t
          SET reservations = ${reservationsSql.withoutOne('t.reservations', '$2::timestamptz')}
        WHERE key = $1`,
      [key, reservedAt],
    );
  }

  async lock(key: string, until: Date): Promise<void> {
    await this.db.manager.query('UPDATE auth_throttle SET locked_until = $2 WHERE key = $1', [
      key,
      until,
    ]);
  }

  async clear(key: string): Promise<boolean> {
    const [, count]: [unknown, number] = await this.db.manager.query(
      'DELETE FROM auth_throttle WHERE key = $1',
      [key],
    );
    return count > 0;
  }

  /** Where an account stands at a client address (see `AddressStanding`), in one query. */
  async addressStanding(
    account: string,
    client: string,
    now: Date,
    windowSeconds: number,
    knownSince: Date,
  ): Promise<AddressStanding> {
    const rows: { address_locked: boolean; account_failures: number; known: boolean }[] =
      await this.db.manager.query(
        `SELECT
           EXISTS (SELECT 1 FROM auth_throttle WHERE key = $2 AND locked_until > $3)
             AS address_locked,
           coalesce((SELECT failures FROM auth_throttle WHERE key = $1
                      AND last_failure_at >= $3::timestamptz - make_interval(secs => $4)), 0)
             AS account_failures,
           EXISTS (SELECT 1 FROM auth_known_address
                    WHERE account_key = $1 AND client_key = $2 AND last_success_at >= $5)
             AS known`,
        [account, client, now, windowSeconds, knownSince],
      );
    const row = rows[0];
    return {
      addressLocked: row?.address_locked === true,
      accountFailures: row?.account_failures ?? 0,
      known: row?.known === true,
    };
  }

  /** Whether the account signed in successfully from the client address since `since`. */
  async known(account: string, client: string, since: Date): Promise<boolean> {
    const rows: unknown[] = await this.db.manager.query(
      `SELECT 1 FROM auth_known_address
        WHERE account_key = $1 AND client_key = $2 AND last_success_at >= $3`,
      [account, client, since],
    );
    return rows.length > 0;
  }

  /** Notes that the account signed in from the client address at `at`. */
  async remember(account: string, client: string, at: Date): Promise<void> {
    await this.db.manager.query(
      `INSERT INTO auth_known_address (account_key, client_key, last_success_at)
         VALUES ($1, $2, $3)
       ON CONFLICT (account_key, client_key) DO UPDATE SET last_success_at = excluded.last_success_at
         WHERE auth_known_address.last_success_at < excluded.last_success_at`,
      [account, client, at],
    );
  }

  /** Forgets the addresses where nobody signed in since `before`. */
  async forgetKnownBefore(before: Date): Promise<void> {
    await this.db.manager.query('DELETE FROM auth_known_address WHERE last_success_at < $1', [
      before,
    ]);
  }
}
