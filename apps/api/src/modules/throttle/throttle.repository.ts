import { Injectable } from '@nestjs/common';
import { Database } from '../../infra/database/database.js';

@Injectable()
export class ThrottleRepository {
  constructor(private readonly db: Database) {}

  /** The latest lock end among the keys, if any is still locked. */
  async lockedUntil(keys: string[], now: Date): Promise<Date | undefined> {
    const rows: { until: Date | null }[] = await this.db.manager.query(
      'SELECT max(locked_until) AS until FROM auth_throttle WHERE key = ANY($1) AND locked_until > $2',
      [keys, now],
    );
    return rows[0]?.until ?? undefined;
  }

  /** Counts one more failure (a fresh count after a quiet window) and returns the count. */
  async addFailure(key: string, now: Date, windowSeconds: number): Promise<number> {
    const rows: { failures: number }[] = await this.db.manager.query(
      `INSERT INTO auth_throttle (key, failures, last_failure_at) VALUES ($1, 1, $2)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN auth_throttle.last_failure_at < $2::timestamptz - make_interval(secs => $3)
                         THEN 1 ELSE auth_throttle.failures + 1 END,
         last_failure_at = $2
       RETURNING failures`,
      [key, now, windowSeconds],
    );
    return rows[0]?.failures ?? 1;
  }

  async lock(key: string, until: Date): Promise<void> {
    await this.db.manager.query('UPDATE auth_throttle SET locked_until = $2 WHERE key = $1', [
      key,
      until,
    ]);
  }

  async clear(key: string): Promise<boolean> {
    const [, count]: [unknown, number] = await this.db.manager.query(
      'DELETE FROM auth_throttle WHERE key = $1',
      [key],
    );
    return count > 0;
  }
}
