import { Injectable } from '@nestjs/common';
import { TooManyRequestsError } from '../../common/errors/app-error.js';
import { Clock } from '../../infra/clock/clock.js';
import { FAILURE_WINDOW_SECONDS, lockSeconds, ruleFor } from './throttle-policy.js';
import { ThrottleRepository } from './throttle.repository.js';

/** Rate limits for everything that guesses: passwords, 2FA codes, recovery codes. */
@Injectable()
export class ThrottleService {
  constructor(
    private readonly throttle: ThrottleRepository,
    private readonly clock: Clock,
  ) {}

  /** Refuses the attempt outright while any of its keys is locked, before any secret is checked. */
  async assertOpen(keys: string[]): Promise<void> {
    const now = this.clock.now();
    const until = await this.throttle.lockedUntil(keys, now);
    if (until !== undefined) {
      const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
      throw new TooManyRequestsError(
        `Too many failed attempts. Try again in ${seconds} seconds.`,
        seconds,
      );
    }
  }

  async recordFailure(keys: string[]): Promise<void> {
    const now = this.clock.now();
    for (const key of keys) {
      const failures = await this.throttle.addFailure(key, now, FAILURE_WINDOW_SECONDS);
      const seconds = lockSeconds(ruleFor(key), failures);
      if (seconds > 0) await this.throttle.lock(key, new Date(now.getTime() + seconds * 1000));
    }
  }

  async reset(key: string): Promise<boolean> {
    return this.throttle.clear(key);
  }
}
