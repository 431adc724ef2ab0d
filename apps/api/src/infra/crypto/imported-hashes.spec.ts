import { createHash, randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import bcrypt from 'bcryptjs';
import { encrypt } from 'unixcrypt';
import { normaliseImportedHash, verifyStoredHash } from './imported-hashes.js';

const PASSWORD = 'imported pass\tword=1';

function ssha512(password: string): string {
  const salt = randomBytes(16);
  const digest = createHash('sha512')
    .update(Buffer.concat([Buffer.from(password), salt]))
    .digest();
  return Buffer.concat([digest, salt]).toString('base64');
}

describe('imported password hashes', () => {
  const cases: [string, () => Promise<string>][] = [
    [
      'SHA512-CRYPT',
      () => Promise.resolve(`{SHA512-CRYPT}${encrypt(PASSWORD, '$6$saltsaltsalt')}`),
    ],
    [
      'SHA512-CRYPT with rounds',
      () => Promise.resolve(`{SHA512-CRYPT}${encrypt(PASSWORD, '$6$rounds=10000$saltsalt')}`),
    ],
    [
      'SHA256-CRYPT',
      () => Promise.resolve(`{SHA256-CRYPT}${encrypt(PASSWORD, '$5$saltsaltsalt')}`),
    ],
    [
      'BLF-CRYPT ($2y$)',
      async () => `{BLF-CRYPT}${(await bcrypt.hash(PASSWORD, 5)).replace(/^\$2b\$/, '$2y$')}`,
    ],
    ['SSHA512', () => Promise.resolve(`{SSHA512}${ssha512(PASSWORD)}`)],
    [
      'ARGON2I',
      async () =>
        `{ARGON2I}${await argon2.hash(PASSWORD, { type: argon2.argon2i, memoryCost: 19456 })}`,
    ],
    [
      'ARGON2ID',
      async () =>
        `{ARGON2ID}${await argon2.hash(PASSWORD, { type: argon2.argon2id, memoryCost: 19456 })}`,
    ],
  ];

  it.each(cases)('accepts and verifies %s', async (_scheme, make) => {
    const stored = normaliseImportedHash(await make());
    expect(stored).toBeDefined();
    expect(await verifyStoredHash(stored as string, PASSWORD)).toBe(true);
    expect(await verifyStoredHash(stored as string, 'another password')).toBe(false);
  });

  it('stores argon2 parameters in the order Dovecot reads', async () => {
    const stored = normaliseImportedHash(
      `{ARGON2ID}${await argon2.hash(PASSWORD, { memoryCost: 19456, timeCost: 2 })}`,
    );
    expect(stored).toMatch(/\$m=19456,t=2,p=\d+\$/);
  });

  it.each([
    ['no scheme', '$6$salt$hash'],
    ['an unknown scheme', '{PLAIN}secret'],
    ['a clear-text scheme', '{CLEARTEXT}secret'],
    ['a truncated crypt hash', '{SHA512-CRYPT}$6$salt$short'],
    ['an injection attempt', "{BLF-CRYPT}$2y$05$' OR 1=1 --"],
    ['trailing text', `{SSHA512}${'A'.repeat(100)} allow_nets=0.0.0.0/0`],
    [
      'an argon2 parameter named twice',
      `{ARGON2ID}$argon2id$v=19$m=1,m=2,t=3$${'A'.repeat(22)}$${'A'.repeat(43)}`,
    ],
  ])('refuses %s', (_reason, value) => {
    expect(normaliseImportedHash(value)).toBeUndefined();
  });
});
