import { randomInt } from 'node:crypto';
import { RECOVERY_CODE_COUNT } from '#contracts';

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten codes like `k7mq2-vx9rt`: about 49 bits each, easy to read and type. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    let code = '';
    for (let i = 0; i < 10; i++) code += ALPHABET.charAt(randomInt(ALPHABET.length));
    return `${code.slice(0, 5)}-${code.slice(5)}`;
  });
}

/** The form a code is compared in: spaces, hyphens and case do not matter. */
export function normaliseRecoveryCode(input: string): string | undefined {
  const compact = input.toLowerCase().replace(/[\s-]/g, '');
  return /^[a-z0-9]{10}$/.test(compact) ? compact : undefined;
}
