import { Injectable } from '@nestjs/common';
import { PeriodicTask } from '../../common/jobs/periodic-task.js';
import { IdempotencyRepository } from './idempotency.repository.js';

/** Stored responses are kept for 24 hours. */
@Injectable()
export class IdempotencyCleanupService extends PeriodicTask {
  protected readonly intervalMs = 60 * 60 * 1000;

  constructor(private readonly records: IdempotencyRepository) {
    super();
  }

  run(now: Date): Promise<void> {
    return this.records.deleteExpired(now);
  }
}
