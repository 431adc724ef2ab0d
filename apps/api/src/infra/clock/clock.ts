import { Global, Injectable, Module } from '@nestjs/common';

/**
 * The time, injected: TOTP windows, challenge expiry, session timeouts and locks are
 * tested by moving this clock, never by sleeping.
 */
@Injectable()
export class Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Tests only: moves this application's time forward (or back). */
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
