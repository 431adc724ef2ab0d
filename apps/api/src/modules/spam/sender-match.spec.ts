import { normaliseClientAddress, normaliseMatch, normaliseNetwork } from './sender-match.js';

describe(normaliseMatch.name, () => {
  it('lowercases and turns internationalised domains into punycode', () => {
    expect(normaliseMatch({ sender: ' Taro@例え.JP ' })).toEqual({
      ok: true,
      match: { type: 'sender', value: 'taro@xn--r8jz45g.jp' },
    });
    expect(normaliseMatch({ senderDomain: 'Bücher.Example' })).toEqual({
      ok: true,
      match: { type: 'senderDomain', value: 'xn--bcher-kva.example' },
    });
  });

  it('takes exactly one kind of match', () => {
    expect(normaliseMatch({})).toEqual({ ok: false, field: 'match' });
    expect(normaliseMatch({ sender: 'a@b.example', senderDomain: 'b.example' })).toEqual({
      ok: false,
      field: 'match',
    });
  });

  it('names the field that is not what it says', () => {
    expect(normaliseMatch({ sender: 'not an address' })).toEqual({ ok: false, field: 'sender' });
    expect(normaliseMatch({ senderDomain: 'a@b.example' })).toEqual({
      ok: false,
      field: 'senderDomain',
    });
    expect(normaliseMatch({ clientIp: '192.0.2.0/33' })).toEqual({ ok: false, field: 'clientIp' });
  });
});

describe(normaliseNetwork.name, () => {
  it.each([
    ['192.0.2.1', '192.0.2.1/32'],
    ['192.0.2.0/24', '192.0.2.0/24'],
    ['2001:DB8::/32', '2001:db8::/32'],
    ['::ffff:192.0.2.1', '192.0.2.1/32'],
    ['::ffff:192.0.2.0/120', '192.0.2.0/24'],
    ['2001:db8::1', '2001:db8::1/128'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseNetwork(input)).toBe(expected);
  });

  it.each([
    '192.0.2.0/',
    '192.0.2/24',
    '192.0.2.0/24/1',
    '2001:db8::/129',
    'example.com',
    '1.2.3.4/-1',
  ])('refuses %s', (input) => {
    expect(normaliseNetwork(input)).toBeUndefined();
  });

  it('takes a single client address only where one is asked for', () => {
    expect(normaliseClientAddress('192.0.2.9')).toBe('192.0.2.9');
    expect(normaliseClientAddress('192.0.2.0/24')).toBeUndefined();
  });
});
