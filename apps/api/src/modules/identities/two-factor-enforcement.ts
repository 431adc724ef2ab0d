import type { AppConfig } from '../../infra/config/app-config.js';
import type { Identity } from './identity.js';

const DAY_MS = 86_400_000;

export interface TwoFactorRequirement {
  /** A policy asks this identity for 2FA. */
  required: boolean;
  /** When signing in without 2FA stops being possible; undefined when not required. */
  deadline: Date | undefined;
  /** The deadline has passed: a session may only enrol. */
  enrolNow: boolean;
}

/**
 * Who must use 2FA, and by when: users of a domain whose policy is `required`
 * (grace counted from when it became required, or from the mailbox's creation if
 * later), and every admin when REQUIRE_ADMIN_TWO_FACTOR is on (grace counted from the
 * account's creation). With 2FA on, nothing is required any more.
 */
export function twoFactorRequirement(
  identity: Identity,
  security: AppConfig['security'],
  now: Date,
): TwoFactorRequirement {
  if (identity.totpEnabled) return { required: false, deadline: undefined, enrolNow: false };
  const deadlines: number[] = [];
  const domain = identity.domain;
  if (domain?.twoFactorPolicy === 'required') {
    const since = Math.max(
      domain.twoFactorRequiredSince?.getTime() ?? 0,
      identity.createdAt.getTime(),
    );
    deadlines.push(since + domain.twoFactorGraceDays * DAY_MS);
  }
  if (adminRuleRequiresTwoFactor(identity, security)) {
    deadlines.push(identity.createdAt.getTime() + security.adminTwoFactorGraceDays * DAY_MS);
  }
  if (deadlines.length === 0) return { required: false, deadline: undefined, enrolNow: false };
  const deadline = Math.min(...deadlines);
  return { required: true, deadline: new Date(deadline), enrolNow: now.getTime() >= deadline };
}

/**
 * A policy applies to this identity whether or not its 2FA is already on; while one
 * does, the user cannot turn 2FA off themselves (an admin reset is the way out of a lost
 * device, and it leads straight back to enrolment).
 */
export function policyRequiresTwoFactor(
  identity: Identity,
  security: AppConfig['security'],
): boolean {
  return (
    identity.domain?.twoFactorPolicy === 'required' ||
    adminRuleRequiresTwoFactor(identity, security)
  );
}

function adminRuleRequiresTwoFactor(identity: Identity, security: AppConfig['security']): boolean {
  return security.requireAdminTwoFactor && identity.role?.active === true;
}
