import type { DataSource, Migration } from 'typeorm';

/** Any constant works; it only has to be the same for every Yubin instance. */
const MIGRATION_LOCK_KEY = 0x79756269; // "yubi"

/**
 * Runs pending migrations while holding a session-level advisory lock, so instances
 * starting together take turns: the first migrates, the others find nothing to do.
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<Migration[]> {
  return withAdvisoryLock(dataSource, MIGRATION_LOCK_KEY, () =>
    dataSource.runMigrations({ transaction: 'each' }),
  );
}

export async function withAdvisoryLock<T>(
  dataSource: DataSource,
  key: number,
  work: () => Promise<T>,
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [key]);
    try {
      return await work();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [key]);
    }
  } finally {
    await runner.release();
  }
}
