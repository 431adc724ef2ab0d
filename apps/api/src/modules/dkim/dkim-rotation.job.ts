import { Inject, Injectable } from '@nestjs/common';
import { ScheduledJob } from '../../common/jobs/scheduled-job.js';
import { ScheduledJobsRepository } from '../../common/jobs/scheduled-jobs.repository.js';
import type { AppConfig } from '../../infra/config/app-config.js';
import { APP_CONFIG } from '../../infra/config/config.module.js';
import { DkimRotationService } from './dkim-rotation.service.js';

/**
 * Moves rotations on (ADR 0016), once per interval across every API process: a waiting
 * key signs once DNS shows it, a replaced key is retired when its overlap ends.
 */
@Injectable()
export class DkimRotationJob extends ScheduledJob {
  protected readonly jobName = 'dkim-rotate';
  protected readonly everyMs: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly rotation: DkimRotationService,
    protected readonly jobs: ScheduledJobsRepository,
  ) {
    super();
    // As often as verification, and at least every 15 minutes: a waiting key is in a hurry.
    this.everyMs = Math.min(config.dns.verifyIntervalSeconds, 900) * 1000;
  }

  /** The app's clock decides, not the timer's: tests move it. */
  run(): ReturnType<DkimRotationService['advance']> {
    return this.rotation.advance();
  }
}
