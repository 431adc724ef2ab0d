import type { AdminRole, TwoFactorPolicy } from '#contracts';
import type { Subject } from '../../common/auth/principal.js';
import type { Locale } from '../../common/i18n/locale.js';

/** The policies of the domain a mailbox identity lives in. */
export interface IdentityDomain {
  id: string;
  name: string;
  twoFactorPolicy: TwoFactorPolicy;
  twoFactorGraceDays: number;
  twoFactorRequiredSince: Date | null;
  passwordMinLength: number | null;
  passwordMinScore: number | null;
  /** What Yubin writes to the domain's users in; null: English. */
  language: Locale | null;
}

/** An administrative role held by the identity. */
export interface IdentityRole {
  adminAccountId: string;
  role: AdminRole;
  active: boolean;
  domainIds: string[];
}

/** Someone who can sign in: a standalone admin account or a mailbox, with what they hold. */
export interface Identity {
  subject: Subject;
  email: string;
  displayName: string;
  mustChangePassword: boolean;
  createdAt: Date;
  totpEnabled: boolean;
  /** The identity's own language (a mailbox's is also its mail's); null: not chosen. */
  language: Locale | null;
  /** Set for mailbox identities. */
  domain: IdentityDomain | undefined;
  role: IdentityRole | undefined;
}

/** Only for the moment of verifying a password; never kept on a principal. */
export interface IdentityWithPassword extends Identity {
  passwordHash: string;
}
