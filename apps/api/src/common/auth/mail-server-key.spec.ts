import { mailServerKeyMatches } from './mail-server-key.js';

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
