import { createHash, timingSafeEqual } from 'node:crypto';
import argon2 from 'argon2';
import bcrypt from 'bcryptjs';
import { verify as verifyCrypt } from 'unixcrypt';
import { toDovecotArgon2Order } from './argon2-phc.js';

/**
 * Password hashes from other mail systems, in Dovecot's `{SCHEME}` form. Each is
 * checked strictly when it is written (nothing loose reaches the column the daemons
 * read), verified at web login, and replaced by argon2id after the next one.
 */
const B64 = '[A-Za-z0-9+/]';
const CRYPT64 = '[./0-9A-Za-z]';
const PHC_PARAMS = '(?:[mtp]=\\d{1,7},){2}[mtp]=\\d{1,7}';

const SCHEMES: Record<string, RegExp> = {
  'SHA512-CRYPT': new RegExp(`^\\$6\\$(?:rounds=\\d{4,9}\\$)?${CRYPT64}{1,16}\\$${CRYPT64}{86}$`),
  'SHA256-CRYPT': new RegExp(`^\\$5\\$(?:rounds=\\d{4,9}\\$)?${CRYPT64}{1,16}\\$${CRYPT64}{43}$`),
  'BLF-CRYPT': new RegExp(`^\\$2[aby]\\$(0[4-9]|[12]\\d|3[01])\\$${CRYPT64}{53}$`),
  ARGON2I: new RegExp(`^\\$argon2i\\$v=19\\$${PHC_PARAMS}\\$${B64}{11,64}\\$${B64}{16,128}$`),
  ARGON2ID: new RegExp(`^\\$argon2id\\$v=19\\$${PHC_PARAMS}\\$${B64}{11,64}\\$${B64}{16,128}$`),
  SSHA512: new RegExp(`^${B64}{88,}={0,2}$`),
};

export const IMPORTABLE_SCHEMES = Object.keys(SCHEMES);

function split(stored: string): { scheme: string; hash: string } | undefined {
  const match = /^\{([A-Z0-9-]+)\}(.*)$/s.exec(stored);
  return match === null ? undefined : { scheme: match[1] as string, hash: match[2] as string };
}

/**
 * The stored form of an imported hash, or undefined when it is not one we accept.
 * argon2 parameters are reordered to m,t,p, the only order Dovecot reads.
 */
export function normaliseImportedHash(input: string): string | undefined {
  const parts = split(input.trim());
  if (parts === undefined) return undefined;
  const pattern = SCHEMES[parts.scheme];
  if (pattern === undefined || !pattern.test(parts.hash)) return undefined;
  if (parts.scheme === 'SSHA512' && Buffer.from(parts.hash, 'base64').length <= 64)
    return undefined;
  if (!parts.scheme.startsWith('ARGON2')) return `{${parts.scheme}}${parts.hash}`;
  try {
    return `{${parts.scheme}}${toDovecotArgon2Order(parts.hash)}`;
  } catch {
    // A parameter named twice, and so another missing.
    return undefined;
  }
}

function verifySsha512(hash: string, password: string): boolean {
  const raw = Buffer.from(hash, 'base64');
  const digest = raw.subarray(0, 64);
  const salt = raw.subarray(64);
  const computed = createHash('sha512')
    .update(Buffer.concat([Buffer.from(password, 'utf8'), salt]))
    .digest();
  return timingSafeEqual(digest, computed);
}

/** Verifies a password against any stored scheme we accept; false for anything else. */
export async function verifyStoredHash(stored: string, password: string): Promise<boolean> {
  const parts = split(stored);
  if (parts === undefined) return false;
  try {
    switch (parts.scheme) {
      case 'ARGON2ID':
      case 'ARGON2I':
        return await argon2.verify(parts.hash, password);
      case 'SHA512-CRYPT':
      case 'SHA256-CRYPT':
        return verifyCrypt(password, parts.hash);
      case 'BLF-CRYPT':
        return await bcrypt.compare(password, parts.hash.replace(/^\$2y\$/, '$2b$'));
      case 'SSHA512':
        return verifySsha512(parts.hash, password);
      default:
        return false;
    }
  } catch {
    return false;
  }
}
