import { createHash, timingSafeEqual } from 'node:crypto';

/** The header Dovecot sends the key in (`auth_policy_server_api_header`). */
export const MAIL_SERVER_KEY_HEADER = 'x-yubin-mail-server-key';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Whether the key sent is the configured one. Compared as SHA-256 digests in constant
 * time, so neither the key's length nor a matching prefix shows in the timing. No key
 * configured: nothing matches.
 */
export function mailServerKeyMatches(
  sent: string | string[] | undefined,
  configured: string | undefined,
): boolean {
  if (configured === undefined || typeof sent !== 'string') return false;
  return timingSafeEqual(digest(sent.trim()), digest(configured));
}
