import { isIP } from 'node:net';

/**
 * Which reverse proxies may speak for the client in `X-Forwarded-*`: none, the last
 * `hops` of them, or those at the given addresses. Express walks `X-Forwarded-For` from
 * the right and takes the first hop it does not trust as the client, so a client can
 * write whatever it likes to the left of that and it is never read.
 *
 * "Trust every hop" (`true`) is refused: Express would then take the left-most entry,
 * which is the one the client writes.
 */
export type TrustProxy = { readonly hops: number } | { readonly addresses: readonly string[] };

export const NO_PROXY: TrustProxy = { hops: 0 };

/** The names Express (proxy-addr) knows for address ranges. */
const RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];
const MAX_HOPS = 10;

function isAddressOrRange(entry: string): boolean {
  if (RANGE_NAMES.includes(entry) || isIP(entry) !== 0) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || prefix === undefined || rest.length > 0 || !/^\d{1,3}$/.test(prefix))
    return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/** Parses `TRUST_PROXY`; a problem is a sentence for the config error, naming the variable. */
export function parseTrustProxy(
  raw: string | undefined,
): { value: TrustProxy } | { problem: string } {
  const value = raw?.trim().toLowerCase() ?? '';
  if (value === '' || value === 'false' || value === '0') return { value: NO_PROXY };
  if (value === 'true') {
    return {
      problem:
        'TRUST_PROXY=true would let every client choose its own address (X-Forwarded-For); give the number of proxies in front of Yubin (e.g. 1) or their addresses (e.g. loopback or 10.0.0.0/8)',
    };
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops <= MAX_HOPS) return { value: { hops } };
    return { problem: `TRUST_PROXY must be a hop count from 0 to ${MAX_HOPS}, got "${value}"` };
  }
  const addresses = value.split(',').map((entry) => entry.trim());
  const bad = addresses.filter((entry) => !isAddressOrRange(entry));
  if (bad.length > 0) {
    return {
      problem: `TRUST_PROXY must be a hop count or a comma-separated list of addresses, CIDR ranges, loopback, linklocal or uniquelocal; not understood: ${bad.map((b) => `"${b}"`).join(', ')}`,
    };
  }
  return { value: { addresses } };
}

/** The value for Express's `trust proxy` setting. */
export function expressTrustProxy(trust: TrustProxy): number | string[] {
  return 'hops' in trust ? trust.hops : [...trust.addresses];
}
