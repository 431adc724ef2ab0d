import { mailServerKeyMatches, sentMailServerKey } from './mail-server-key.js';

describe(mailServerKeyMatches.name, () => {
  const key = 'k'.repeat(40);

  it('accepts the configured key, with the space Dovecot leaves after the colon', () => {
    expect(mailServerKeyMatches(key, key)).toBe(true);
    expect(mailServerKeyMatches(` ${key}`, key)).toBe(true);
  });

  it('refuses another key, a prefix, a missing or repeated header, and any key when none is configured', () => {
    expect(mailServerKeyMatches('k'.repeat(39), key)).toBe(false);
    expect(mailServerKeyMatches(`${key}k`, key)).toBe(false);
    expect(mailServerKeyMatches(undefined, key)).toBe(false);
    expect(mailServerKeyMatches([key, key], key)).toBe(false);
    expect(mailServerKeyMatches(key, undefined)).toBe(false);
    expect(mailServerKeyMatches('', undefined)).toBe(false);
  });
});

describe(sentMailServerKey.name, () => {
  const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;

  it('takes the header first, else the password of HTTP Basic, whatever the user name', () => {
    expect(sentMailServerKey({ 'x-yubin-mail-server-key': 'a', authorization: basic('u:b') })).toBe(
      'a',
    );
    expect(sentMailServerKey({ authorization: basic('rspamd:s3cret:with:colons') })).toBe(
      's3cret:with:colons',
    );
    expect(sentMailServerKey({ authorization: basic(':k') })).toBe('k');
  });

  it('finds no key in other schemes, malformed Basic or nothing', () => {
    expect(sentMailServerKey({})).toBeUndefined();
    expect(sentMailServerKey({ authorization: 'Bearer abc' })).toBeUndefined();
    expect(sentMailServerKey({ authorization: basic('no-colon') })).toBeUndefined();
    expect(sentMailServerKey({ authorization: 'Basic !!!' })).toBeUndefined();
  });
});
