import { BlockList, isIP } from 'node:net';

/** An address range in canonical parts; an address alone is a /32 or /128. */
export interface NetworkRange {
  readonly address: string;
  readonly prefix: number;
  readonly family: 'ipv4' | 'ipv6';
}

/** `127.0.0.0/8,::1/128,192.0.2.7` → ranges, or what is wrong with it. */
export function parseNetworkRanges(raw: string): { ranges: NetworkRange[] } | { problem: string } {
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const ranges: NetworkRange[] = [];
  const bad: string[] = [];
  for (const entry of entries) {
    const [address = '', prefixText, extra] = entry.split('/');
    const version = isIP(address);
    const bits = version === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? bits : Number(prefixText);
    if (
      version === 0 ||
      extra !== undefined ||
      (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) ||
      prefix > bits
    ) {
      bad.push(`"${entry}"`);
      continue;
    }
    ranges.push({ address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' });
  }
  if (bad.length > 0) return { problem: `not an address or CIDR range: ${bad.join(', ')}` };
  return { ranges };
}

const MAPPED_IPV4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/**
 * Whether a client address is in one of the ranges. An IPv4-mapped IPv6 address (a
 * dual-stack listener's view of an IPv4 client) is checked as the IPv4 address it is.
 */
export function inNetworkRanges(ranges: readonly NetworkRange[], address: string | undefined) {
  if (address === undefined) return false;
  const plain = MAPPED_IPV4.exec(address)?.[1] ?? address;
  const version = isIP(plain);
  if (version === 0) return false;
  const list = new BlockList();
  for (const range of ranges) list.addSubnet(range.address, range.prefix, range.family);
  return list.check(plain, version === 4 ? 'ipv4' : 'ipv6');
}
