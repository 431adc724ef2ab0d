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

/**
 * The key a mail server sent: the header (Dovecot), else the password of HTTP Basic
 * authentication, the only credential Rspamd can send when it fetches a map (from the
 * map URL's `user:key@`). The user name is not checked.
 */
export function sentMailServerKey(headers: {
  [MAIL_SERVER_KEY_HEADER]?: string | string[] | undefined;
  authorization?: string | undefined;
}): string | string[] | undefined {
  const sent = headers[MAIL_SERVER_KEY_HEADER];
  if (sent !== undefined) return sent;
  const basic = /^Basic\s+([A-Za-z0-9+/=]{1,1024})$/i.exec(headers.authorization ?? '');
  if (basic === null) return undefined;
  const decoded = Buffer.from(basic[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(colon + 1);
}
