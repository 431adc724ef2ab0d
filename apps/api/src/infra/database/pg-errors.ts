/** PostgreSQL's SQLSTATE for a unique constraint violation. */
export function isUniqueViolation(error: unknown): boolean {
  return (
    (error as { code?: unknown } | null)?.code === '23505' ||
    (error as { driverError?: { code?: unknown } } | null)?.driverError?.code === '23505'
  );
}
