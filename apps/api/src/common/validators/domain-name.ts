import { domainToASCII, domainToUnicode } from 'node:url';
import { DOMAIN_MAX_OCTETS } from '#contracts';

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * Normalises a domain as a user typed it: trimmed, lowercase, without a trailing dot,
 * internationalised labels converted to punycode (RFC 5890). Returns undefined when
 * the input cannot be a host name.
 */
export function toAsciiDomain(input: string): string | undefined {
  const trimmed = input.trim().replace(/\.$/, '');
  if (trimmed === '' || /[\s/@:]/.test(trimmed)) return undefined;
  const ascii = domainToASCII(trimmed.toLowerCase());
  return ascii === '' ? undefined : ascii;
}

/**
 * A fully qualified domain name as RFC 1035 host names allow it, after conversion
 * to ASCII: at least two labels, each 1–63 letters, digits or inner hyphens, a
 * non-numeric top-level label, 253 octets in all.
 */
export function isAsciiFqdn(name: string): boolean {
  if (name.length > DOMAIN_MAX_OCTETS) return false;
  const labels = name.split('.');
  if (labels.length < 2) return false;
  if (!labels.every((label) => LABEL.test(label))) return false;
  const tld = labels[labels.length - 1] ?? '';
  if (/^[0-9]+$/.test(tld)) return false;
  // A label with the ACE prefix must be valid punycode, which domainToUnicode checks.
  return !labels.some((label) => label.startsWith('xn--') && domainToUnicode(label) === '');
}

export function toUnicodeDomain(ascii: string): string {
  return domainToUnicode(ascii) || ascii;
}
