/**
 * Troubleshooting a mailbox ("can't send", "can't receive"): the stable codes of each
 * check and of the action that fixes it, shared by the API and the UI's buttons.
 */

export const DIAGNOSTIC_STATUSES = ['ok', 'warn', 'fail'] as const;
export type DiagnosticStatus = (typeof DIAGNOSTIC_STATUSES)[number];

/**
 * One code per check. A check keeps its code whatever its status, except quota, whose
 * code names how full it is (`quota-warning` up to 99 %, `quota-full` from 100 %).
 */
export const DIAGNOSTIC_CODES = [
  'mailbox-inactive',
  'domain-inactive',
  'quota-warning',
  'quota-full',
  'imap-disabled',
  'pop3-disabled',
  'smtp-disabled',
  'app-password-needed',
  'password-change-pending',
  'account-locked',
  'dns-mx',
  'dns-spf',
  'dns-dkim',
  'dns-dmarc',
  'sender-blocked',
  'spam-threshold',
  'forwarding-without-copy',
] as const;
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

/**
 * What fixes a finding. The admin actions are offered only to someone allowed to take
 * them; the self-service ones only to the mailbox's own user.
 */
export const DIAGNOSTIC_ACTIONS = [
  // An admin, on the mailbox page
  'activate-mailbox',
  'activate-domain',
  'raise-quota',
  'enable-imap',
  'enable-pop3',
  'enable-smtp',
  'issue-app-password',
  'reset-password',
  'unlock',
  'edit-sender-rules',
  'edit-spam-policy',
  'edit-forwarding',
  'verify-dns',
  // The user, in My account
  'create-app-password',
  'change-password',
  'contact-admin',
  'empty-mailbox',
] as const;
export type DiagnosticAction = (typeof DIAGNOSTIC_ACTIONS)[number];

/** Usage from which the quota check warns, as a share of the quota. */
export const QUOTA_WARNING_RATIO = 0.9;

/**
 * A junk or reject threshold at or below this score catches ordinary mail: Rspamd scores
 * most legitimate messages between about -2 and 3.
 */
export const SPAM_SCORE_TOO_STRICT = 3;

/**
 * "Would this message go through?": `accepted` and `accepted-relay` (a recipient
 * elsewhere, queued for the Internet) go through; every other code is the first rule
 * that refuses, in the order the mail server applies them.
 */
export const SEND_CHECK_CODES = [
  'accepted',
  'accepted-relay',
  'account-locked',
  'login-refused',
  'empty-sender',
  'sender-not-owned',
  'recipient-unknown',
  'sender-blocked',
  'recipient-quota-full',
] as const;
export type SendCheckCode = (typeof SEND_CHECK_CODES)[number];

/**
 * The shares of the quota at which the mail server warns a mailbox's user (Dovecot's
 * quota_warning), highest first as Dovecot wants them.
 */
export const QUOTA_WARNING_PERCENTS = [95, 80] as const;
export type QuotaWarningPercent = (typeof QUOTA_WARNING_PERCENTS)[number];
