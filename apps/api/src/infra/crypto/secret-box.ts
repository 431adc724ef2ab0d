import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM for secrets that must be readable again (TOTP seeds, replayable
 * responses). The associated data binds a ciphertext to its purpose and row, so a
 * value copied into another row does not decrypt.
 */
export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('SecretBox needs a 32-byte key');
  }

  seal(plaintext: string, associatedData: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const body = Buffer.concat([
      cipher.update(plaintext, 'utf8'),
      cipher.final(),
      cipher.getAuthTag(),
    ]);
    return `${VERSION}.${iv.toString('base64url')}.${body.toString('base64url')}`;
  }

  /**
   * A keyed digest for secrets that are only ever compared (recovery codes): without
   * the key, a database dump does not allow guessing them offline.
   */
  mac(value: string, purpose: string): string {
    return createHmac('sha256', this.key).update(`${purpose}\0${value}`, 'utf8').digest('hex');
  }

  open(sealed: string, associatedData: string): string {
    const [version, ivText, bodyText] = sealed.split('.');
    if (version !== VERSION || ivText === undefined || bodyText === undefined) {
      throw new Error('unrecognised sealed value');
    }
    const body = Buffer.from(bodyText, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(ivText, 'base64url'));
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    return Buffer.concat([
      decipher.update(body.subarray(0, body.length - TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  }
}
