import { ConfigError, loadConfig } from './app-config.js';
import { expressTrustProxy, parseTrustProxy } from './trust-proxy.js';

describe(parseTrustProxy.name, () => {
  it('trusts no proxy when unset, false or 0', () => {
    for (const raw of [undefined, '', 'false', '0']) {
      expect(parseTrustProxy(raw)).toEqual({ value: { hops: 0 } });
    }
  });

  it('takes a hop count', () => {
    expect(parseTrustProxy('2')).toEqual({ value: { hops: 2 } });
    expect(parseTrustProxy('11')).toEqual({ problem: expect.stringMatching(/hop count/) });
  });

  it("takes addresses, CIDR ranges and Express's range names", () => {
    expect(parseTrustProxy('loopback, 10.0.0.0/8,2001:DB8::/32 ,192.0.2.7')).toEqual({
      value: { addresses: ['loopback', '10.0.0.0/8', '2001:db8::/32', '192.0.2.7'] },
    });
    expect(parseTrustProxy('10.0.0.0/33, example.com')).toEqual({
      problem: expect.stringMatching(/"10\.0\.0\.0\/33", "example\.com"/),
    });
  });

  it('refuses true, which would let every client choose its address', () => {
    expect(parseTrustProxy('true')).toEqual({
      problem: expect.stringMatching(/TRUST_PROXY=true.*choose its own address/),
    });
    expect(() => loadConfig({ TRUST_PROXY: 'TRUE' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/number of proxies/);
  });

  it('gives Express a count or a list, never `true`', () => {
    expect(expressTrustProxy({ hops: 1 })).toBe(1);
    expect(expressTrustProxy({ addresses: ['loopback'] })).toEqual(['loopback']);
  });
});
