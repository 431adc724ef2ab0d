import { Injectable } from '@nestjs/common';
import { PeriodicTask } from '../../common/jobs/periodic-task.js';
import { ThrottleService } from './throttle.service.js';

/** Known addresses past their time count for nothing; this keeps the table small. */
@Injectable()
export class KnownAddressCleanupService extends PeriodicTask {
  protected readonly intervalMs = 60 * 60 * 1000;

  constructor(private readonly throttle: ThrottleService) {
    super();
  }

  run(now: Date): Promise<void> {
    return this.throttle.forgetStaleAddresses(now);
  }
}
