import type { Identity } from '../identities/identity.js';
import { policyRequiresTwoFactor, twoFactorRequirement } from './two-factor-enforcement.js';

const DAY = 86_400_000;
const created = new Date('2026-01-01T00:00:00Z');
const security = {
  totpIssuer: 'Yubin',
  requireAdminTwoFactor: false,
  adminTwoFactorGraceDays: 3,
  passwordMinLength: 12,
  passwordMinScore: 3 as const,
};

function user(
  overrides: Partial<Identity> = {},
  policy: 'off' | 'optional' | 'required' = 'required',
): Identity {
  return {
    subject: { kind: 'mailbox', id: 'm1' },
    email: 'alice@example.com',
    displayName: 'Alice',
    mustChangePassword: false,
    createdAt: created,
    totpEnabled: false,
    language: null,
    domain: {
      id: 'd1',
      name: 'example.com',
      twoFactorPolicy: policy,
      twoFactorGraceDays: 7,
      twoFactorRequiredSince: new Date(created.getTime() + 10 * DAY),
      passwordMinLength: null,
      passwordMinScore: null,
      language: null,
    },
    role: undefined,
    ...overrides,
  };
}

describe('twoFactorRequirement', () => {
  it('counts the grace period from when the domain began to require 2FA', () => {
    const deadline = new Date(created.getTime() + 17 * DAY);
    expect(twoFactorRequirement(user(), security, new Date(deadline.getTime() - 1))).toEqual({
      required: true,
      deadline,
      enrolNow: false,
    });
    expect(twoFactorRequirement(user(), security, deadline).enrolNow).toBe(true);
  });

  it('counts it from the mailbox’s creation when the mailbox is newer', () => {
    const later = new Date(created.getTime() + 30 * DAY);
    const result = twoFactorRequirement(user({ createdAt: later }), security, later);
    expect(result.deadline).toEqual(new Date(later.getTime() + 7 * DAY));
    expect(result.enrolNow).toBe(false);
  });

  it('requires nothing of users with 2FA, or of domains that do not require it', () => {
    const farFuture = new Date(created.getTime() + 1000 * DAY);
    expect(twoFactorRequirement(user({ totpEnabled: true }), security, farFuture).required).toBe(
      false,
    );
    expect(twoFactorRequirement(user({}, 'optional'), security, farFuture).required).toBe(false);
  });

  it('requires it of admins when configured, with the admin grace period', () => {
    const admin = user(
      { role: { adminAccountId: 'a1', role: 'helpdesk', active: true, domainIds: [] } },
      'optional',
    );
    const strict = { ...security, requireAdminTwoFactor: true };
    expect(
      twoFactorRequirement(admin, strict, new Date(created.getTime() + 3 * DAY)).enrolNow,
    ).toBe(true);
    expect(
      twoFactorRequirement(admin, security, new Date(created.getTime() + 3 * DAY)).required,
    ).toBe(false);
  });
});

describe('policyRequiresTwoFactor', () => {
  const helpdesk = { adminAccountId: 'a1', role: 'helpdesk' as const, active: true, domainIds: [] };
  const strict = { ...security, requireAdminTwoFactor: true };

  it('holds for a required domain whether or not 2FA is already on', () => {
    expect(policyRequiresTwoFactor(user(), security)).toBe(true);
    expect(policyRequiresTwoFactor(user({ totpEnabled: true }), security)).toBe(true);
    expect(policyRequiresTwoFactor(user({ totpEnabled: true }, 'optional'), security)).toBe(false);
  });

  it('holds for active admins only when the admin rule is on', () => {
    const admin = user({ totpEnabled: true, role: helpdesk }, 'optional');
    expect(policyRequiresTwoFactor(admin, strict)).toBe(true);
    expect(policyRequiresTwoFactor(admin, security)).toBe(false);
    const suspended = user({ totpEnabled: true, role: { ...helpdesk, active: false } }, 'optional');
    expect(policyRequiresTwoFactor(suspended, strict)).toBe(false);
  });
});
