import { Injectable } from '@nestjs/common';
import { PeriodicTask } from '../../common/jobs/periodic-task.js';
import { LoginChallengesRepository } from './login-challenges.repository.js';

/** Expired challenges are refused anyway; this keeps the table small. */
@Injectable()
export class LoginChallengeCleanupService extends PeriodicTask {
  protected readonly intervalMs = 15 * 60 * 1000;

  constructor(private readonly challenges: LoginChallengesRepository) {
    super();
  }

  run(now: Date): Promise<void> {
    return this.challenges.deleteExpired(now);
  }
}
