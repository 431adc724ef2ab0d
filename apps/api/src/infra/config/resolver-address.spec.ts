import { parseResolverAddress } from './resolver-address.js';

describe(parseResolverAddress.name, () => {
  it.each(['127.0.0.1', '127.0.0.1:5353', '::1', '[::1]:53', '[2001:db8::1]:5353'])(
    'accepts %s',
    (value) => expect(parseResolverAddress(value)).toBe(value),
  );

  it.each([
    'ns.example.com',
    'ns.example.com:53',
    '127.0.0.1:0',
    '127.0.0.1:70000',
    '[127.0.0.1]:53',
    '::1:53x',
    '',
  ])('refuses %s', (value) => expect(parseResolverAddress(value)).toBeUndefined());
});
