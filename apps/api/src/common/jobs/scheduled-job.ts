import { PeriodicTask } from './periodic-task.js';
import type { ScheduledJobsRepository } from './scheduled-jobs.repository.js';

/**
 * A job that runs once per `everyMs` across every API process sharing the database
 * (ADR 0015): each process ticks, and only the one that claims the due run does the work.
 */
export abstract class ScheduledJob extends PeriodicTask {
  protected abstract readonly jobName: string;
  protected abstract readonly everyMs: number;
  protected abstract readonly jobs: ScheduledJobsRepository;
  /** Ticks often enough that a claim is tried soon after a run falls due. */
  protected readonly intervalMs = 60_000;

  protected override async tick(now: Date): Promise<unknown> {
    if (!(await this.jobs.claim(this.jobName, now, this.everyMs))) return undefined;
    return this.run(now);
  }

  /** Tests: one tick, as the timer would do it. */
  tickNow(now: Date): Promise<unknown> {
    return this.tick(now);
  }
}
