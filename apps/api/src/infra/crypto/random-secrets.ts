import { createHash, randomBytes, randomInt } from 'node:crypto';

/** No 0/O, 1/l/I: a temporary password is often read aloud over the phone. */
const READABLE_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Four groups of five readable characters: about 116 bits of entropy. */
export function generateTemporaryPassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let group = '';
    for (let i = 0; i < 5; i++)
      group += READABLE_ALPHABET.charAt(randomInt(READABLE_ALPHABET.length));
    groups.push(group);
  }
  return groups.join('-');
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** For high-entropy secrets (session and API tokens) a fast hash is enough: they cannot be guessed. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}
