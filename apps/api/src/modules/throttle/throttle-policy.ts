/**
 * How failed attempts turn into locks. Accounts are keyed by the address as typed,
 * so unknown addresses lock exactly like real ones and the lock reveals nothing.
 *
 * - An account (`account:<email>`): 4 failures are free; the 5th locks it for 30 s,
 *   each further failure doubles the lock, up to 15 minutes.
 * - A client address (`ip:<address>`): 20 failures are free; then 1 minute,
 *   doubling up to 30 minutes, so one client cannot sweep many accounts.
 * - A count restarts after an hour without failures, and an account's after a success.
 * - Mail logins (Dovecot asks Yubin, see modules/mail-auth-policy) count on the same keys
 *   and obey the same account locks, with two differences at the client address, which
 *   many mailboxes share behind an office's NAT. A mail failure counts on the address
 *   only for an account not known there (no success from it in the last 30 days): the
 *   address counts strangers, not a colleague's mail app retrying an old password. And a
 *   locked address refuses a mail login only for an account not known there that failed
 *   twice within the hour, so a newcomer's typo is forgiven; a sweep over many accounts
 *   from a locked address gets two guesses per account per hour.
 *
 * Parallel guesses are bounded by reservations: an attempt reserves its place before
 * anything is verified, and a key admits only as many attempts in flight as could
 * still fail before the lock (`freeFailures + 1 - failures`), and one at a time once a
 * lock has passed. So no more guesses are verified in parallel than one at a time.
 */
export interface ThrottleRule {
  freeFailures: number;
  firstLockSeconds: number;
  maxLockSeconds: number;
}

export const ACCOUNT_RULE: ThrottleRule = {
  freeFailures: 4,
  firstLockSeconds: 30,
  maxLockSeconds: 15 * 60,
};
export const CLIENT_RULE: ThrottleRule = {
  freeFailures: 20,
  firstLockSeconds: 60,
  maxLockSeconds: 30 * 60,
};
/**
 * Mail app autoconfiguration (`autoconfig:<address>`): a lookup of a domain not hosted
 * here, or of no address at all, fails. Mail apps ask about their own domain, which
 * answers; 30 misses an hour are generous for typos and clearly short of a sweep.
 */
export const AUTOCONFIG_RULE: ThrottleRule = {
  freeFailures: 30,
  firstLockSeconds: 60,
  maxLockSeconds: 30 * 60,
};
/**
 * Handover sheets sent by mail (`handover:<address>`): every send counts, whether its
 * temporary password was right or not, since each is a mail to an address of the caller's
 * choosing and a password check. 5 an hour for a mailbox; then an hour's wait.
 */
export const HANDOVER_MAILBOX_RULE: ThrottleRule = {
  freeFailures: 4,
  firstLockSeconds: 60 * 60,
  maxLockSeconds: 60 * 60,
};
/** The same for one sender (`handover-by:<kind>:<id>`), across mailboxes: 20 an hour. */
export const HANDOVER_ACTOR_RULE: ThrottleRule = {
  freeFailures: 19,
  firstLockSeconds: 60 * 60,
  maxLockSeconds: 60 * 60,
};
export const FAILURE_WINDOW_SECONDS = 60 * 60;
/** Failures within the window after which a locked address refuses an account unknown there. */
export const LOCKED_ADDRESS_TRIES = 2;
/** How long a success from a client address makes the account known there. */
export const KNOWN_ADDRESS_SECONDS = 30 * 24 * 60 * 60;
/** A reservation older than this belongs to a request that died; it no longer counts. */
export const RESERVATION_SECONDS = 30;

/** Seconds to lock after the given number of consecutive failures; 0 for no lock. */
export function lockSeconds(rule: ThrottleRule, failures: number): number {
  const over = failures - rule.freeFailures;
  if (over <= 0) return 0;
  return Math.min(rule.maxLockSeconds, rule.firstLockSeconds * 2 ** Math.min(over - 1, 20));
}

export function ruleFor(key: string): ThrottleRule {
  if (key.startsWith('autoconfig:')) return AUTOCONFIG_RULE;
  if (key.startsWith('handover:')) return HANDOVER_MAILBOX_RULE;
  if (key.startsWith('handover-by:')) return HANDOVER_ACTOR_RULE;
  return key.startsWith('ip:') ? CLIENT_RULE : ACCOUNT_RULE;
}

export function accountKey(email: string): string {
  return `account:${email.trim().toLowerCase()}`;
}

/** An IPv4 client is one key whether it came as `1.2.3.4` or as `::ffff:1.2.3.4`. */
export function clientKey(ip: string | undefined): string {
  const v4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip ?? '');
  return `ip:${v4?.[1] ?? (ip === undefined || ip === '' ? 'unknown' : ip.toLowerCase())}`;
}

/** Autoconfiguration lookups from one client address, counted apart from sign-ins. */
export function autoconfigKey(ip: string | undefined): string {
  return `autoconfig:${clientKey(ip).slice('ip:'.length)}`;
}

/** Handover sheets sent by mail for one mailbox. */
export function handoverMailboxKey(address: string): string {
  return `handover:${address.trim().toLowerCase()}`;
}

/** Handover sheets sent by mail by one admin (or a token's owner). */
export function handoverActorKey(subject: { kind: string; id: string }): string {
  return `handover-by:${subject.kind}:${subject.id}`;
}
