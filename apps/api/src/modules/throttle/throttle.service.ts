import { Injectable } from '@nestjs/common';
import { TooManyRequestsError } from '../../common/errors/app-error.js';
import { Clock } from '../../infra/clock/clock.js';
import { Database } from '../../infra/database/database.js';
import {
  FAILURE_WINDOW_SECONDS,
  RESERVATION_SECONDS,
  lockSeconds,
  ruleFor,
} from './throttle-policy.js';
import { ThrottleRepository } from './throttle.repository.js';

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
    for (const key of attempt.keys) {
      await this.db.transaction(async () => {
        const now = this.clock.now();
        const failures = await this.throttle.addFailure(
          key,
          attempt.reservedAt,
          now,
          FAILURE_WINDOW_SECONDS,
        );
        const seconds = lockSeconds(ruleFor(key), failures);
        if (seconds > 0) await this.throttle.lock(key, new Date(now.getTime() + seconds * 1000));
      });
    }
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
