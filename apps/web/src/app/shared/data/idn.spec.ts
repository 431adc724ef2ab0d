import { describe, expect, it } from 'vitest';
import { decodePunycode, toUnicodeDomain, toUnicodeName } from './idn';

describe(decodePunycode.name, () => {
  it.each([
    ['e28h', '😀'],
    ['r8jz45g', '例え'],
    ['bcher-kva', 'bücher'],
    // RFC 3492 §7.1 samples (A), (B), (L), (N).
    ['egbpdaj6bu4bxfgehfvwxn', 'ليهمابتكلموشعربي؟'],
    ['ihqwcrb4cv8a8dqg056pqjye', '他们为什么不说中文'],
    ['3B-ww4c5e180e575a65lsy2b', '3年B組金八先生'],
    ['-with-SUPER-MONKEYS-pc58ag80a8qai00g7n9n', '安室奈美恵-with-SUPER-MONKEYS'],
    ['de-jg4avhby1noc0d', 'パフィーdeルンバ'],
  ])('decodes %s to %s', (encoded, decoded) => {
    expect(decodePunycode(encoded)).toBe(decoded);
  });

  it.each([
    ['a character outside the alphabet', 'ab!c'],
    ['a non-ASCII basic code point', 'ü-kva'],
    ['a truncated number', 'kz'],
    ['an overflow', '99999999999999'],
    ['a code point beyond Unicode', '99999a'],
  ])('refuses %s', (_case, encoded) => {
    expect(decodePunycode(encoded)).toBeUndefined();
  });
});

describe(toUnicodeDomain.name, () => {
  it('decodes every A-label of a name and keeps the ASCII ones', () => {
    expect(toUnicodeDomain('xn--e28h.jp')).toBe('😀.jp');
    expect(toUnicodeDomain('mail.xn--r8jz45g.jp')).toBe('mail.例え.jp');
    expect(toUnicodeDomain('XN--R8JZ45G.xn--bcher-kva.de')).toBe('例え.bücher.de');
    expect(toUnicodeDomain('example.test')).toBe('example.test');
  });

  it('shows a name with any label that is not valid punycode exactly as stored', () => {
    for (const name of [
      'xn--a.com', // decodes to nothing beyond ASCII
      'xn--abc-.com', // ASCII only
      'xn--r8jz45g.xn--!!.jp', // one bad label spoils the name
      'xn--.jp',
      'xn--99999a.jp',
      'xn--bidi-yd7a.jp', // a bidi override would disguise the name
    ]) {
      expect(toUnicodeDomain(name)).toBe(name);
    }
  });
});

describe(toUnicodeName.name, () => {
  it('decodes the domain of an address or catch-all, never the local part', () => {
    expect(toUnicodeName('alice@xn--r8jz45g.jp')).toBe('alice@例え.jp');
    expect(toUnicodeName('@xn--e28h.jp')).toBe('@😀.jp');
    expect(toUnicodeName('xn--e28h@example.test')).toBe('xn--e28h@example.test');
    expect(toUnicodeName('"a@b"@xn--r8jz45g.jp')).toBe('"a@b"@例え.jp');
    expect(toUnicodeName('HR script')).toBe('HR script');
  });
});
