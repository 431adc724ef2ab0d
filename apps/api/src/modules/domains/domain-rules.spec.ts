import { defaultMailboxQuota, domainQuotaErrors, mailboxQuotaProblem } from './domain-rules.js';

describe('domainQuotaErrors', () => {
  it('accepts unlimited everything', () => {
    expect(domainQuotaErrors({ defaultQuotaBytes: 0, maxQuotaBytes: 0, quotaBytes: 0 })).toEqual(
      [],
    );
  });

  it('accepts a default within the ceiling within the pool', () => {
    expect(domainQuotaErrors({ defaultQuotaBytes: 10, maxQuotaBytes: 20, quotaBytes: 30 })).toEqual(
      [],
    );
  });

  it('refuses a ceiling above the pool', () => {
    expect(domainQuotaErrors({ defaultQuotaBytes: 10, maxQuotaBytes: 40, quotaBytes: 30 })).toEqual(
      [expect.objectContaining({ field: 'maxQuotaBytes', code: 'exceedsPool' })],
    );
  });

  it('refuses an unlimited default under a ceiling', () => {
    expect(domainQuotaErrors({ defaultQuotaBytes: 0, maxQuotaBytes: 20, quotaBytes: 0 })).toEqual([
      expect.objectContaining({ field: 'defaultQuotaBytes', code: 'unlimitedNotAllowed' }),
    ]);
  });

  it('refuses a default above the ceiling and the pool, with both reasons', () => {
    const codes = domainQuotaErrors({
      defaultQuotaBytes: 50,
      maxQuotaBytes: 20,
      quotaBytes: 30,
    }).map((e) => e.code);
    expect(codes).toEqual(['exceedsMax', 'exceedsPool']);
  });
});

describe('mailboxQuotaProblem', () => {
  const domain = { defaultQuotaBytes: 10, maxQuotaBytes: 100, quotaBytes: 1000 };

  it('accepts a quota up to the ceiling', () => {
    expect(mailboxQuotaProblem(100, domain)).toBeUndefined();
  });

  it('refuses unlimited under a ceiling, above the ceiling, and above the pool', () => {
    expect(mailboxQuotaProblem(0, domain)).toBe('QUOTA_UNLIMITED_NOT_ALLOWED');
    expect(mailboxQuotaProblem(101, domain)).toBe('QUOTA_EXCEEDS_DOMAIN_MAX');
    expect(mailboxQuotaProblem(1001, { ...domain, maxQuotaBytes: 0 })).toBe(
      'QUOTA_EXCEEDS_DOMAIN_POOL',
    );
  });

  it('accepts unlimited in a domain without a ceiling, even with a pool', () => {
    expect(
      mailboxQuotaProblem(0, { defaultQuotaBytes: 0, maxQuotaBytes: 0, quotaBytes: 1000 }),
    ).toBeUndefined();
  });
});

describe('defaultMailboxQuota', () => {
  const GIB = 1024 ** 3;
  it.each([
    ['the configured default', 5 * GIB, { maxQuotaBytes: 0, quotaBytes: 0 }, 5 * GIB],
    ['capped by the ceiling', 5 * GIB, { maxQuotaBytes: 2 * GIB, quotaBytes: 0 }, 2 * GIB],
    ['capped by the pool', 5 * GIB, { maxQuotaBytes: 0, quotaBytes: GIB }, GIB],
    ['unlimited when configured so', 0, { maxQuotaBytes: 0, quotaBytes: 10 * GIB }, 0],
    [
      'the ceiling when unlimited is not allowed',
      0,
      { maxQuotaBytes: 3 * GIB, quotaBytes: 0 },
      3 * GIB,
    ],
  ])('is %s', (_what, configured, domain, expected) => {
    expect(defaultMailboxQuota(configured, domain)).toBe(expected);
    expect(domainQuotaErrors({ ...domain, defaultQuotaBytes: expected })).toEqual([]);
  });
});
