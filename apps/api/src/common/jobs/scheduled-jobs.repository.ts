import { Injectable } from '@nestjs/common';
import { Database } from '../../infra/database/database.js';

@Injectable()
export class ScheduledJobsRepository {
  constructor(private readonly db: Database) {}

  /**
   * Claims the run of a job that is due: true for exactly one caller per interval,
   * whichever process asks first. The row's update is atomic; a process that loses
   * sees no row come back.
   */
  async claim(name: string, now: Date, intervalMs: number): Promise<boolean> {
    const rows: unknown[] = await this.db.manager.query(
      `INSERT INTO scheduled_job (name, next_run_at) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET next_run_at = EXCLUDED.next_run_at
         WHERE scheduled_job.next_run_at <= $3
       RETURNING name`,
      [name, new Date(now.getTime() + intervalMs), now],
    );
    return rows.length > 0;
  }
}
