import type { ProblemFieldError } from '#contracts';

export interface DomainQuotaSettings {
  defaultQuotaBytes: number;
  maxQuotaBytes: number;
  quotaBytes: number;
}

/** How the three quota settings of a domain must relate; 0 means unlimited in each. */
export function domainQuotaErrors(settings: DomainQuotaSettings): ProblemFieldError[] {
  const { defaultQuotaBytes, maxQuotaBytes, quotaBytes } = settings;
  const errors: ProblemFieldError[] = [];
  if (quotaBytes > 0 && maxQuotaBytes > quotaBytes) {
    errors.push({
      field: 'maxQuotaBytes',
      code: 'exceedsPool',
      message: 'maxQuotaBytes cannot be larger than the domain pool (quotaBytes)',
    });
  }
  if (maxQuotaBytes > 0 && defaultQuotaBytes === 0) {
    errors.push({
      field: 'defaultQuotaBytes',
      code: 'unlimitedNotAllowed',
      message: 'defaultQuotaBytes cannot be 0 (unlimited) while maxQuotaBytes sets a ceiling',
    });
  } else if (maxQuotaBytes > 0 && defaultQuotaBytes > maxQuotaBytes) {
    errors.push({
      field: 'defaultQuotaBytes',
      code: 'exceedsMax',
      message: 'defaultQuotaBytes cannot be larger than maxQuotaBytes',
    });
  }
  if (quotaBytes > 0 && defaultQuotaBytes > quotaBytes) {
    errors.push({
      field: 'defaultQuotaBytes',
      code: 'exceedsPool',
      message: 'defaultQuotaBytes cannot be larger than the domain pool (quotaBytes)',
    });
  }
  return errors;
}

/**
 * The default mailbox quota of a new domain whose creator set none: the configured
 * default, within the domain's ceiling and pool. With an unlimited configured default,
 * a ceiling is the default (a mailbox may not be unlimited under a ceiling).
 */
export function defaultMailboxQuota(
  configured: number,
  domain: Pick<DomainQuotaSettings, 'maxQuotaBytes' | 'quotaBytes'>,
): number {
  const limits = [configured, domain.maxQuotaBytes, domain.quotaBytes].filter((bytes) => bytes > 0);
  return configured === 0 && domain.maxQuotaBytes === 0 ? 0 : Math.min(...limits);
}

export type MailboxQuotaProblem =
  'QUOTA_UNLIMITED_NOT_ALLOWED' | 'QUOTA_EXCEEDS_DOMAIN_MAX' | 'QUOTA_EXCEEDS_DOMAIN_POOL';

/** Whether one mailbox's quota fits its domain's ceiling and pool. */
export function mailboxQuotaProblem(
  quotaBytes: number,
  domain: DomainQuotaSettings,
): MailboxQuotaProblem | undefined {
  if (domain.maxQuotaBytes > 0 && quotaBytes === 0) return 'QUOTA_UNLIMITED_NOT_ALLOWED';
  if (domain.maxQuotaBytes > 0 && quotaBytes > domain.maxQuotaBytes)
    return 'QUOTA_EXCEEDS_DOMAIN_MAX';
  if (domain.quotaBytes > 0 && quotaBytes > domain.quotaBytes) return 'QUOTA_EXCEEDS_DOMAIN_POOL';
  return undefined;
}

/** Below this length a password alone is too weak; NIST allows 8 only with a second factor. */
export const MIN_LENGTH_WITHOUT_TWO_FACTOR = 12;

export function domainPolicyErrors(settings: {
  passwordMinLength: number | null;
  twoFactorPolicy: string;
}): ProblemFieldError[] {
  if (
    settings.passwordMinLength !== null &&
    settings.passwordMinLength < MIN_LENGTH_WITHOUT_TWO_FACTOR &&
    settings.twoFactorPolicy !== 'required'
  ) {
    return [
      {
        field: 'passwordMinLength',
        code: 'needsTwoFactor',
        message: `Passwords shorter than ${MIN_LENGTH_WITHOUT_TWO_FACTOR} are allowed only when the domain requires 2FA.`,
      },
    ];
  }
  return [];
}
