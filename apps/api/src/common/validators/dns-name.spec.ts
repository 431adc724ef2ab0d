import { isDkimSelector, toAsciiDnsName } from './dns-name.js';

describe(toAsciiDnsName.name, () => {
  it('takes a service label of 63 octets, not 64', () => {
    expect(toAsciiDnsName(`_${'x'.repeat(62)}.example.com`)).toBe(`_${'x'.repeat(62)}.example.com`);
  });

  it.each([
    ['example.com', 'example.com'],
    [' _SPF.Example.COM. ', '_spf.example.com'],
    ['_spf._corp.mail.example.net', '_spf._corp.mail.example.net'],
    ['_spf.送信.例え.jp', '_spf.xn--vuq367m.xn--r8jz45g.jp'],
  ])('%s → %s', (input, ascii) => expect(toAsciiDnsName(input)).toBe(ascii));

  it.each([
    'not a name',
    '_spf',
    '_spf.',
    'mail._spf.example.com',
    '_-bad.example.com',
    '_sp f.example.com',
    'a..example.com',
    `_${'x'.repeat(63)}.example.com`,
    `_spf.${'a'.repeat(62)}.${'b'.repeat(62)}.${'c'.repeat(62)}.${'d'.repeat(62)}.com`,
  ])('refuses %s', (input) => expect(toAsciiDnsName(input)).toBeUndefined());
});

describe(isDkimSelector.name, () => {
  it.each(['y2026q4a', 'a', 'mail-2026', 'x'.repeat(63)])('takes %s', (selector) =>
    expect(isDkimSelector(selector)).toBe(true),
  );

  it.each(['', 'x'.repeat(64), '-a', 'a-', 'A1', 'a.b', 'a_b', 'sél'])('refuses "%s"', (selector) =>
    expect(isDkimSelector(selector)).toBe(false),
  );
});
