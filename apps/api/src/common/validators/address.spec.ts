import { domainOf, isLocalPart, parseAddress } from './address.js';

describe('isLocalPart', () => {
  it.each([
    'alice',
    'alice.tanaka',
    'a+tag',
    "o'neil",
    'x_y-z',
    'a'.repeat(64),
    '!#$%&*+/=?^_`{|}~-',
  ])('accepts %s', (localPart) => {
    expect(isLocalPart(localPart)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['65 octets', 'a'.repeat(65)],
    ['a leading dot', '.alice'],
    ['a trailing dot', 'alice.'],
    ['two dots in a row', 'al..ice'],
    ['a space', 'al ice'],
    ['a quoted string', '"alice"'],
    ['an @', 'al@ice'],
    ['non-ASCII', 'ålice'],
    ['a comma', 'a,b'],
  ])('refuses %s', (_reason, localPart) => {
    expect(isLocalPart(localPart)).toBe(false);
  });
});

describe('parseAddress', () => {
  it('lowercases and converts the domain to punycode', () => {
    expect(parseAddress(' Alice@例え.JP ')).toEqual({
      localPart: 'alice',
      domain: 'xn--r8jz45g.jp',
      address: 'alice@xn--r8jz45g.jp',
    });
  });

  it('refuses addresses over 254 octets', () => {
    const domain = ['d', 'e', 'f', 'g'].map((c) => c.repeat(60)).join('.') + '.com'; // 247 octets
    expect(parseAddress(`${'a'.repeat(7)}@${domain}`)).toBeUndefined(); // 255 octets
    expect(parseAddress(`${'a'.repeat(6)}@${domain}`)?.address).toBe(`${'a'.repeat(6)}@${domain}`); // 254
  });

  it.each(['alice', '@example.com', 'alice@', 'alice@localhost', 'a b@example.com'])(
    'refuses %s',
    (input) => {
      expect(parseAddress(input)).toBeUndefined();
    },
  );
});

describe('domainOf', () => {
  it('takes the part after the last @, also for a catch-all', () => {
    expect(domainOf('alice@example.com')).toBe('example.com');
    expect(domainOf('@example.com')).toBe('example.com');
  });
});
