import {
  ACCOUNT_RULE,
  CLIENT_RULE,
  accountKey,
  clientKey,
  lockSeconds,
  ruleFor,
} from './throttle-policy.js';

describe('lockSeconds', () => {
  it('lets an account fail four times, then locks progressively up to 15 minutes', () => {
    expect([1, 2, 3, 4].map((n) => lockSeconds(ACCOUNT_RULE, n))).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10, 50].map((n) => lockSeconds(ACCOUNT_RULE, n))).toEqual([
      30, 60, 120, 240, 480, 900, 900,
    ]);
  });

  it('gives a client address more room before locking it', () => {
    expect(lockSeconds(CLIENT_RULE, 20)).toBe(0);
    expect(lockSeconds(CLIENT_RULE, 21)).toBe(60);
    expect(lockSeconds(CLIENT_RULE, 1000)).toBe(1800);
  });

  it('keys accounts by the address as typed, normalised', () => {
    expect(accountKey(' Alice@Example.COM ')).toBe('account:alice@example.com');
    expect(ruleFor('ip:127.0.0.1')).toBe(CLIENT_RULE);
    expect(ruleFor(accountKey('a@b.example'))).toBe(ACCOUNT_RULE);
  });

  it('keys a client by its address, an IPv4 one alike in both notations', () => {
    expect(clientKey('192.0.2.7')).toBe('ip:192.0.2.7');
    expect(clientKey('::ffff:192.0.2.7')).toBe('ip:192.0.2.7');
    expect(clientKey('2001:DB8::1')).toBe('ip:2001:db8::1');
    expect(clientKey(undefined)).toBe('ip:unknown');
    expect(clientKey('')).toBe('ip:unknown');
  });
});
