export const TWO_FACTOR_POLICIES = ['off', 'optional', 'required'] as const;
export type TwoFactorPolicy = (typeof TWO_FACTOR_POLICIES)[number];

export const MAIL_PROTOCOLS = ['imap', 'pop3', 'smtp'] as const;
export type MailProtocol = (typeof MAIL_PROTOCOLS)[number];

/** Why a session may do only one thing until the user has done it. */
export const SESSION_RESTRICTIONS = ['password-change', 'two-factor-enrolment'] as const;
export type SessionRestriction = (typeof SESSION_RESTRICTIONS)[number];

export const RECOVERY_CODE_COUNT = 10;
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
