const GIB = 1024 ** 3;

/** Quotas are edited in GB (1024³ bytes) and stored in bytes; 0 means no limit. */
export function gbToBytes(gb: number): number {
  return Math.round(gb * GIB);
}

export function bytesToGb(bytes: number): number {
  return Math.round((bytes / GIB) * 100) / 100;
}

/** A fresh key per submitted form: a retried POST then cannot create twice. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
