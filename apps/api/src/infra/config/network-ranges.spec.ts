import { inNetworkRanges, parseNetworkRanges, type NetworkRange } from './network-ranges.js';

function ranges(raw: string): NetworkRange[] {
  const parsed = parseNetworkRanges(raw);
  if ('problem' in parsed) throw new Error(parsed.problem);
  return parsed.ranges;
}

describe(parseNetworkRanges.name, () => {
  it('takes addresses and CIDR ranges, IPv4 and IPv6, and names what it cannot read', () => {
    expect(ranges(' 127.0.0.0/8, ::1/128 ,192.0.2.7')).toEqual([
      { address: '127.0.0.0', prefix: 8, family: 'ipv4' },
      { address: '::1', prefix: 128, family: 'ipv6' },
      { address: '192.0.2.7', prefix: 32, family: 'ipv4' },
    ]);
    for (const bad of ['loopback', '10.0.0.0/33', '::1/129', '10.0.0.0/8/1', '10.0.0.0/x']) {
      expect(parseNetworkRanges(bad)).toEqual({ problem: expect.stringContaining(bad) });
    }
  });
});

describe(inNetworkRanges.name, () => {
  const loopback = ranges('127.0.0.0/8,::1/128');

  it('answers by containment, IPv4-mapped IPv6 as its IPv4, and refuses what is no address', () => {
    expect(inNetworkRanges(loopback, '127.0.0.1')).toBe(true);
    expect(inNetworkRanges(loopback, '127.200.0.9')).toBe(true);
    expect(inNetworkRanges(loopback, '::ffff:127.0.0.1')).toBe(true);
    expect(inNetworkRanges(loopback, '::1')).toBe(true);
    expect(inNetworkRanges(loopback, '128.0.0.1')).toBe(false);
    expect(inNetworkRanges(loopback, '::ffff:10.0.0.1')).toBe(false);
    expect(inNetworkRanges(loopback, '::2')).toBe(false);
    expect(inNetworkRanges(loopback, undefined)).toBe(false);
    expect(inNetworkRanges(loopback, 'localhost')).toBe(false);
    expect(inNetworkRanges([], '127.0.0.1')).toBe(false);
  });
});
