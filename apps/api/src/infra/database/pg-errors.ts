interface DriverError {
  code?: unknown;
  message?: unknown;
  constraint?: unknown;
}

/** pg's error, whether thrown by pg itself or wrapped in TypeORM's QueryFailedError. */
function driverError(error: unknown): DriverError | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  const wrapped = (error as { driverError?: unknown }).driverError;
  return wrapped !== null && typeof wrapped === 'object' ? wrapped : error;
}

function sqlState(error: unknown): string | undefined {
  const code = driverError(error)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** PostgreSQL's SQLSTATE for a unique constraint violation. */
export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === '23505';
}

/**
 * Failures that only concurrent writers cause once the input is valid: a unique or
 * exclusion constraint another transaction won, a row it deleted under a foreign key,
 * a serialization failure or a deadlock. The client may retry; it is a 409, never a 500.
 */
export function isConcurrentWriteConflict(error: unknown): boolean {
  const state = sqlState(error);
  return state !== undefined && ['23505', '23P01', '23503', '40001', '40P01'].includes(state);
}

/**
 * What may be logged of a failed query: its SQLSTATE, its constraint, and its message with
 * every quoted value cut out (data exceptions quote the offending input). Never the
 * query's parameters, nor pg's detail ("Key (email)=(…)", "Failing row contains (…)"):
 * they carry password hashes, sealed secrets and addresses.
 */
export function describeQueryError(error: unknown): string {
  const pg = driverError(error);
  const own = error instanceof Error ? error.message : String(error);
  const message = (typeof pg?.message === 'string' ? pg.message : own).replace(
    /"(?:[^"]|"")*"/g,
    '"…"',
  );
  const constraint = typeof pg?.constraint === 'string' ? ` (constraint ${pg.constraint})` : '';
  return `${sqlState(error) ?? 'error'}: ${message}${constraint}`;
}
