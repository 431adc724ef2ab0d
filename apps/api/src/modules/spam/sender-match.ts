import { isIP } from 'node:net';
import type { SenderMatchType } from '#contracts';
import { parseAddress } from '../../common/validators/address.js';
import { isAsciiFqdn, toAsciiDomain } from '../../common/validators/domain-name.js';

/** A rule's match in canonical form: one kind, one value. */
export interface SenderMatch {
  type: SenderMatchType;
  /** `a@b.example` and `b.example` lowercase with punycode; a network as `address/prefix`. */
  value: string;
}

/** A sender address, lowercase, its domain in punycode; undefined if it is none. */
export function normaliseSender(input: string): string | undefined {
  return parseAddress(input)?.address;
}

/** A domain name, lowercase punycode; undefined if it is none. */
export function normaliseSenderDomain(input: string): string | undefined {
  const ascii = toAsciiDomain(input.trim());
  return ascii !== undefined && isAsciiFqdn(ascii) ? ascii : undefined;
}

const MAPPED_IPV4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/**
 * An address or network as `address/prefix`, with an address alone as a single host
 * (/32 or /128), and an IPv4-mapped IPv6 address as the IPv4 it is (the mail server sees
 * IPv4 clients as IPv4). Host bits are kept here: PostgreSQL's `network()` clears them
 * when the rule is stored, which is the canonical form the API answers with.
 */
export function normaliseNetwork(input: string): string | undefined {
  const [rawAddress = '', rawPrefix, extra] = input.trim().toLowerCase().split('/');
  if (extra !== undefined) return undefined;
  let address = rawAddress;
  let family = isIP(address);
  let prefix = rawPrefix === undefined ? undefined : Number(rawPrefix);
  if (rawPrefix !== undefined && !/^\d{1,3}$/.test(rawPrefix)) return undefined;
  const mapped = family === 6 ? MAPPED_IPV4.exec(address)?.[1] : undefined;
  if (mapped !== undefined && isIP(mapped) === 4 && (prefix === undefined || prefix >= 96)) {
    address = mapped;
    family = 4;
    prefix = prefix === undefined ? undefined : prefix - 96;
  }
  if (family === 0) return undefined;
  const bits = family === 4 ? 32 : 128;
  const length = prefix ?? bits;
  if (length > bits) return undefined;
  return `${address}/${length}`;
}

/** The canonical form of a rule's match as a client sent it, or the field it breaks. */
export function normaliseMatch(
  match: Partial<Record<SenderMatchType, string>>,
): { ok: true; match: SenderMatch } | { ok: false; field: SenderMatchType | 'match' } {
  const given = (Object.keys(match) as SenderMatchType[]).filter((key) => match[key] !== undefined);
  const type = given[0];
  const raw = type === undefined ? undefined : match[type];
  if (given.length !== 1 || type === undefined || raw === undefined)
    return { ok: false, field: 'match' };
  const value =
    type === 'sender'
      ? normaliseSender(raw)
      : type === 'senderDomain'
        ? normaliseSenderDomain(raw)
        : normaliseNetwork(raw);
  return value === undefined ? { ok: false, field: type } : { ok: true, match: { type, value } };
}

/** `mail.b.example` → `mail.b.example`, `b.example`, `example`: what a domain rule may name. */
export function domainSuffixes(domain: string): string[] {
  const labels = domain.split('.');
  return labels.map((_, index) => labels.slice(index).join('.'));
}

/** One client address (not a network), as the mail server reports it; undefined if none. */
export function normaliseClientAddress(input: string): string | undefined {
  if (input.includes('/')) return undefined;
  const network = normaliseNetwork(input);
  return network?.slice(0, network.lastIndexOf('/'));
}
