import { ValidationError } from '../errors/app-error.js';
import { isLocalPart } from './address.js';

/**
 * The characters of a local part Yubin hosts (ADR 0010), besides ASCII letters and digits:
 * what Postfix delivers and Dovecot logs in with, as `npm run daemon-config` renders them.
 * RFC 5322 allows more (`%`, `!`, `/`, `=` …), which an outside address may still use.
 */
export const HOSTED_LOCAL_PART_SPECIALS = ".-_+'";

const HOSTED_CHARACTER = /^[A-Za-z0-9._+'-]$/;

/** The alphabet as a PostgreSQL (and JavaScript) pattern over a stored, lowercase local part. */
export const HOSTED_LOCAL_PART_SQL_PATTERN = "^[a-z0-9._+'-]*$";

export type HostedLocalPartCheck =
  | { ok: true }
  /** Empty, over 64 octets, or a dot at the start, at the end or twice in a row. */
  | { ok: false; code: 'isLocalPart' }
  | { ok: false; code: 'unsupportedLocalPartCharacter'; character: string };

/**
 * Whether a mailbox, an alias or a sign-in address in a hosted domain may have this local
 * part. The first character outside the alphabet is named, whatever else is wrong.
 */
export function checkHostedLocalPart(localPart: string): HostedLocalPartCheck {
  for (const character of localPart) {
    if (!HOSTED_CHARACTER.test(character)) {
      return { ok: false, code: 'unsupportedLocalPartCharacter', character };
    }
  }
  return isLocalPart(localPart.toLowerCase()) ? { ok: true } : { ok: false, code: 'isLocalPart' };
}

/** The message for a failed check, to follow the field's name ("localPart …"). */
export function describeHostedLocalPartProblem(
  check: Exclude<HostedLocalPartCheck, { ok: true }>,
): string {
  const alphabet = `letters, digits and ${[...HOSTED_LOCAL_PART_SPECIALS].join(' ')}`;
  if (check.code === 'isLocalPart') {
    return `must be the part before the @: ${alphabet}, dots between them, at most 64 characters`;
  }
  const codePoint = `U+${(check.character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  return `must not contain "${check.character}" (${codePoint}): addresses here use only ${alphabet}`;
}

/** Refuses (422, on `field`) a local part of a hosted address that is outside the alphabet. */
export function assertHostedLocalPart(field: string, localPart: string): void {
  const check = checkHostedLocalPart(localPart);
  if (!check.ok) {
    throw ValidationError.field(
      field,
      check.code,
      `${field} ${describeHostedLocalPartProblem(check)}`,
    );
  }
}
