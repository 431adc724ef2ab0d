import { Injectable } from '@nestjs/common';
import { TooManyRequestsError } from '../../common/errors/app-error.js';
import { Clock } from '../../infra/clock/clock.js';
import { Database } from '../../infra/database/database.js';
import {
  FAILURE_WINDOW_SECONDS,
  KNOWN_ADDRESS_SECONDS,
  LOCKED_ADDRESS_TRIES,
  RESERVATION_SECONDS,
  accountKey,
  clientKey,
  lockSeconds,
  ruleFor,
} from './throttle-policy.js';
import { ThrottleRepository, type Settles } from './throttle.repository.js';

/** A guess that holds a place on each of its keys until it fails or is released. */
export interface Attempt {
  readonly keys: readonly string[];
  readonly reservedAt: Date;
  /** Set once the attempt failed or was released; later calls do nothing. */
  settled: boolean;
}

/** Refused while as many attempts as may still fail are in flight; they end within a second. */
export function tooManyAtOnce(): TooManyRequestsError {
  return new TooManyRequestsError('Too many attempts at once. Try again in a moment.', 1);
}

/**
 * Rate limits for everything that guesses: passwords, 2FA codes, recovery codes.
 * `tryReserve` before verifying anything, then `fail` or `release` (in a `finally`):
 *
 *     const attempt = await throttle.tryReserve(keys);
 *     try { if (!(await verify())) { await throttle.fail(attempt); throw … } … }
 *     finally { await throttle.release(attempt); }
 */
@Injectable()
export class ThrottleService {
  constructor(
    private readonly throttle: ThrottleRepository,
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /**
   * Reserves one attempt on every key, or none: refused (429) while any key is locked,
   * or has as many attempts in flight as it may still fail before its lock.
   */
  async tryReserve(keys: string[]): Promise<Attempt> {
    const reservedAt = this.clock.now();
    const staleBefore = new Date(reservedAt.getTime() - RESERVATION_SECONDS * 1000);
    const attempt: Attempt = { keys: [], reservedAt, settled: false };
    const held: string[] = [];
    // One order for every request, so two never wait on each other's rows.
    for (const key of [...new Set(keys)].sort()) {
      const reserved = await this.throttle.reserve(key, reservedAt, {
        freeFailures: ruleFor(key).freeFailures,
        windowSeconds: FAILURE_WINDOW_SECONDS,
        staleBefore,
      });
      if (!reserved) {
        await this.release({ ...attempt, keys: held });
        throw await this.refusal(keys, reservedAt);
      }
      held.push(key);
    }
    return { ...attempt, keys: held };
  }

  /** The attempt failed: each of its reservations becomes a failure, and may lock its key. */
  async fail(attempt: Attempt): Promise<void> {
    if (attempt.settled) return;
    attempt.settled = true;
    for (const key of attempt.keys) await this.failKey(key, { reservedAt: attempt.reservedAt });
  }

  /**
   * A failure reported after the fact, by a request other than the one that reserved (the
   * mail server's report): it takes the place of any one reservation still live on the
   * account (reservations are alike). It counts on the client address (where mail logins
   * reserve nothing) only for an account not known there: the address counts strangers,
   * not a colleague's mail app retrying an old password.
   */
  async failReported(email: string, ip: string | undefined): Promise<void> {
    const now = this.clock.now();
    const liveAfter = new Date(now.getTime() - RESERVATION_SECONDS * 1000);
    await this.failKey(accountKey(email), { liveAfter });
    const known = await this.throttle.known(accountKey(email), clientKey(ip), this.knownSince(now));
    if (!known) await this.failKey(clientKey(ip), { none: true });
  }

  /**
   * A successful sign-in: the account's failures and lock are forgotten, and the client
   * address becomes known for the account (an address lock then spares its mail logins).
   */
  async succeeded(email: string, ip: string | undefined): Promise<void> {
    await this.throttle.clear(accountKey(email));
    await this.throttle.remember(accountKey(email), clientKey(ip), this.clock.now());
  }

  /**
   * Whether a locked client address refuses this account's mail login: only when the
   * account failed twice within the hour and is not known at the address
   * (throttle-policy.ts).
   */
  async addressRefuses(email: string, ip: string | undefined): Promise<boolean> {
    const now = this.clock.now();
    const standing = await this.throttle.addressStanding(
      accountKey(email),
      clientKey(ip),
      now,
      FAILURE_WINDOW_SECONDS,
      this.knownSince(now),
    );
    return (
      standing.addressLocked && standing.accountFailures >= LOCKED_ADDRESS_TRIES && !standing.known
    );
  }

  /** Forgets known addresses nobody signed in from for longer than they count. */
  async forgetStaleAddresses(now: Date): Promise<void> {
    await this.throttle.forgetKnownBefore(this.knownSince(now));
  }

  private knownSince(now: Date): Date {
    return new Date(now.getTime() - KNOWN_ADDRESS_SECONDS * 1000);
  }

  private async failKey(key: string, settles: Settles): Promise<void> {
    await this.db.transaction(async () => {
      const now = this.clock.now();
      const failures = await this.throttle.addFailure(key, settles, now, FAILURE_WINDOW_SECONDS);
      const seconds = lockSeconds(ruleFor(key), failures);
      if (seconds > 0) await this.throttle.lock(key, new Date(now.getTime() + seconds * 1000));
    });
  }

  /** The attempt did not fail (or never got to be verified): its places are given back. */
  async release(attempt: Attempt): Promise<void> {
    if (attempt.settled) return;
    attempt.settled = true;
    for (const key of attempt.keys) await this.throttle.release(key, attempt.reservedAt);
  }

  /** Forgets a key's failures and lock (a success, or an admin's unlock). */
  async reset(key: string): Promise<boolean> {
    return this.throttle.clear(key);
  }

  private async refusal(keys: string[], now: Date): Promise<TooManyRequestsError> {
    const until = await this.throttle.lockedUntil(keys, now);
    if (until === undefined) return tooManyAtOnce();
    const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
    return new TooManyRequestsError(
      `Too many failed attempts. Try again in ${seconds} seconds.`,
      seconds,
    );
  }
}
