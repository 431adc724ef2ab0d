import { generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';
import type { DkimAlgorithm } from '#contracts';

const generate = promisify(generateKeyPair);

/** A new key pair in the forms Yubin stores (ADR 0016). */
export interface DkimKeyPair {
  /** The record's `p=`: base64 SubjectPublicKeyInfo DER (RSA), base64 raw 32 bytes (Ed25519, RFC 8463). */
  publicKey: string;
  /**
   * What Rspamd's key table takes inline: base64 PKCS#1 DER (RSA), base64 of the 32-byte
   * seed (Ed25519). Sealed before it is stored.
   */
  privateKey: string;
}

function base64url(text: string | undefined): string {
  if (text === undefined) throw new Error('JWK without key material');
  return Buffer.from(text, 'base64url').toString('base64');
}

/** A fresh key pair; RSA takes tens to hundreds of milliseconds, so never under a lock. */
export async function generateDkimKeyPair(algorithm: DkimAlgorithm): Promise<DkimKeyPair> {
  if (algorithm === 'ed25519') {
    const { privateKey } = await generate('ed25519');
    const jwk = privateKey.export({ format: 'jwk' });
    return { publicKey: base64url(jwk.x), privateKey: base64url(jwk.d) };
  }
  const { publicKey, privateKey } = await generate('rsa', { modulusLength: 2048 });
  return {
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    privateKey: privateKey.export({ type: 'pkcs1', format: 'der' }).toString('base64'),
  };
}

/** The DKIM TXT record's text (RFC 6376 §3.6.1): what `<selector>._domainkey` publishes. */
export function dkimRecordText(algorithm: DkimAlgorithm, publicKey: string): string {
  return `v=DKIM1; k=${algorithm === 'ed25519' ? 'ed25519' : 'rsa'}; p=${publicKey}`;
}

/**
 * A selector that says when the key was made, `y2026q4a`: year, quarter and the first
 * letter not yet taken in the domain (then `y2026q4a2`…, which a domain never reaches
 * by rotating on a schedule).
 */
export function defaultSelector(now: Date, taken: ReadonlySet<string>): string {
  const stem = `y${now.getUTCFullYear()}q${Math.floor(now.getUTCMonth() / 3) + 1}`;
  for (let round = 1; ; round += 1) {
    for (const letter of 'abcdefghijklmnopqrstuvwxyz') {
      const selector = `${stem}${letter}${round === 1 ? '' : String(round)}`;
      if (!taken.has(selector)) return selector;
    }
  }
}
