import { isIP } from 'node:net';

/**
 * `DNS_RESOLVER` as node's `Resolver.setServers` takes it: an IP address with an
 * optional port (`[v6]:port` for IPv6). Names are refused: resolving the resolver
 * would need a resolver.
 */
export function parseResolverAddress(value: string): string | undefined {
  if (isIP(value) !== 0) return value;
  const v6 = /^\[([^\]]+)\]:(\d{1,5})$/.exec(value);
  const v4 = /^([^:]+):(\d{1,5})$/.exec(value);
  const [, host, port] = v6 ?? v4 ?? [];
  if (host === undefined || port === undefined) return undefined;
  const family = isIP(host);
  const number = Number(port);
  if (family === 0 || (v6 !== null) !== (family === 6) || number < 1 || number > 65535) {
    return undefined;
  }
  return value;
}
