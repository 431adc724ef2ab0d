import { isAsciiFqdn, toAsciiDomain, toUnicodeDomain } from './domain-name.js';

describe('toAsciiDomain', () => {
  it.each([
    ['Example.COM', 'example.com'],
    ['  example.com.  ', 'example.com'],
    ['例え.jp', 'xn--r8jz45g.jp'],
    ['bücher.de', 'xn--bcher-kva.de'],
  ])('normalises %j to %j', (input, expected) => {
    expect(toAsciiDomain(input)).toBe(expected);
  });

  it.each(['', 'a b.com', 'user@example.com', 'http://example.com', 'exa:mple.com'])(
    'refuses %j',
    (input) => {
      expect(toAsciiDomain(input)).toBeUndefined();
    },
  );
});

describe('isAsciiFqdn', () => {
  it.each([
    'example.com',
    'mail.example.co.uk',
    'xn--r8jz45g.jp',
    'a-b.example',
    `${'a'.repeat(63)}.com`,
  ])('accepts %s', (name) => {
    expect(isAsciiFqdn(name)).toBe(true);
  });

  it.each([
    ['a single label', 'localhost'],
    ['a leading hyphen', '-bad.com'],
    ['a trailing hyphen', 'bad-.com'],
    ['an empty label', 'a..com'],
    ['a 64-octet label', `${'a'.repeat(64)}.com`],
    ['a numeric top-level label', 'example.123'],
    ['an underscore', 'ex_ample.com'],
    ['uppercase (not normalised)', 'Example.com'],
    ['over 253 octets', `${'a.'.repeat(127)}com`],
  ])('refuses %s', (_reason, name) => {
    expect(isAsciiFqdn(name)).toBe(false);
  });
});

describe('toUnicodeDomain', () => {
  it('shows punycode as Unicode and leaves ASCII alone', () => {
    expect(toUnicodeDomain('xn--r8jz45g.jp')).toBe('例え.jp');
    expect(toUnicodeDomain('example.com')).toBe('example.com');
  });
});
