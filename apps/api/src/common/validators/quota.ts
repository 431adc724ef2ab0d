/** Largest byte count PostgreSQL's bigint and JSON numbers both carry exactly. */
export const MAX_QUOTA_BYTES = Number.MAX_SAFE_INTEGER;

export function isQuotaBytes(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
