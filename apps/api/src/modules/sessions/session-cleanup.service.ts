import { Inject, Injectable } from '@nestjs/common';
import { PeriodicTask } from '../../common/jobs/periodic-task.js';
import type { AppConfig } from '../../infra/config/app-config.js';
import { APP_CONFIG } from '../../infra/config/config.module.js';
import { SessionsRepository } from './sessions.repository.js';

/** Ended sessions are refused anyway; this keeps the table small. */
@Injectable()
export class SessionCleanupService extends PeriodicTask {
  protected readonly intervalMs = 15 * 60 * 1000;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: SessionsRepository,
  ) {
    super();
  }

  run(now: Date): Promise<number> {
    return this.sessions.deleteExpired(now, this.config.sessions.idleTimeoutSeconds);
  }
}
