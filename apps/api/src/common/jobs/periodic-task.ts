import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';

/** Housekeeping that runs on a timer while the application runs; failures are logged, not fatal. */
export abstract class PeriodicTask implements OnApplicationBootstrap, OnModuleDestroy {
  protected abstract readonly intervalMs: number;
  protected readonly logger = new Logger(this.constructor.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  abstract run(now: Date): Promise<unknown>;

  /** What the timer does each interval; a ScheduledJob first claims the run. */
  protected tick(now: Date): Promise<unknown> {
    return this.run(now);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running !== undefined) return;
      this.running = this.tick(new Date())
        .catch((error: unknown) => this.logger.error(`failed: ${String(error)}`))
        .finally(() => (this.running = undefined));
    }, this.intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a run in progress, before the data source goes. */
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
