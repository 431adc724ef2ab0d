import { ADDRESS_MAX_OCTETS, LOCAL_PART_MAX_OCTETS } from '#contracts';
import { isAsciiFqdn, toAsciiDomain } from './domain-name.js';

/** RFC 5322 atext: the characters allowed in a dot-atom without quoting. */
const ATEXT = "[a-z0-9!#$%&'*+/=?^_`{|}~-]";
const DOT_ATOM = new RegExp(`^${ATEXT}+(\\.${ATEXT}+)*$`);

/** Local parts are compared and stored in lowercase, as every mainstream mail host does. */
export function normaliseLocalPart(input: string): string {
  return input.trim().toLowerCase();
}

/** A dot-atom local part (RFC 5321 §4.1.2) of at most 64 octets. Quoted strings are refused. */
export function isLocalPart(localPart: string): boolean {
  return (
    localPart.length > 0 && localPart.length <= LOCAL_PART_MAX_OCTETS && DOT_ATOM.test(localPart)
  );
}

export interface ParsedAddress {
  localPart: string;
  domain: string;
  address: string;
}

/**
 * Parses and normalises `local@domain` (the domain may be internationalised).
 * Returns undefined for anything that is not a deliverable address.
 */
export function parseAddress(input: string): ParsedAddress | undefined {
  const trimmed = input.trim();
  const at = trimmed.lastIndexOf('@');
  if (at <= 0) return undefined;
  const localPart = normaliseLocalPart(trimmed.slice(0, at));
  const domain = toAsciiDomain(trimmed.slice(at + 1));
  if (domain === undefined || !isLocalPart(localPart) || !isAsciiFqdn(domain)) return undefined;
  const address = `${localPart}@${domain}`;
  if (address.length > ADDRESS_MAX_OCTETS) return undefined;
  return { localPart, domain, address };
}

/** Normalises an address for lookups; leaves unparseable input as typed (it will not match). */
export function normaliseAddress(input: string): string {
  return parseAddress(input)?.address ?? input.trim().toLowerCase();
}

/** The domain part of a stored address (`local@domain` or a catch-all `@domain`). */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}
