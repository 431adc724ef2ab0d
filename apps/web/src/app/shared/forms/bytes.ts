import { Validators, type ValidatorFn } from '@angular/forms';
import { QUOTA_GB_MAX } from './form-errors';

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

/** A quota in GB: required, 0 (unlimited) up to the largest size the API stores exactly. */
export function quotaGbValidators(): ValidatorFn[] {
  return [Validators.required, Validators.min(0), Validators.max(QUOTA_GB_MAX)];
}
