import { createHash, createHmac } from 'node:crypto';
import { scramSha256Verifier } from './scram-verifier.js';

/** The SCRAM-SHA-256 exchange of RFC 7677 §3 (user "user", password "pencil"). */
const RFC7677 = {
  salt: 'W22ZaJ0SNY7soEsUEjb6gQ==',
  authMessage:
    'n=user,r=rOprNGfwEbeRWgbNEkqO,' +
    'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,' +
    'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0',
  clientProof: 'dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
  serverSignature: '6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=',
};

function parse(verifier: string) {
  const match = /^SCRAM-SHA-256\$(\d+):([^$]+)\$([^:]+):(.+)$/.exec(verifier);
  if (match === null) throw new Error(`not a verifier: ${verifier}`);
  return {
    iterations: Number(match[1]),
    salt: match[2] as string,
    storedKey: Buffer.from(match[3] as string, 'base64'),
    serverKey: Buffer.from(match[4] as string, 'base64'),
  };
}

describe(scramSha256Verifier.name, () => {
  const verifier = parse(scramSha256Verifier('pencil', Buffer.from(RFC7677.salt, 'base64')));

  it('lets the server sign the RFC 7677 exchange', () => {
    expect(verifier.iterations).toBe(4096);
    expect(verifier.salt).toBe(RFC7677.salt);
    const signature = createHmac('sha256', verifier.serverKey)
      .update(RFC7677.authMessage)
      .digest('base64');
    expect(signature).toBe(RFC7677.serverSignature);
  });

  it('accepts the RFC 7677 client proof', () => {
    const clientSignature = createHmac('sha256', verifier.storedKey)
      .update(RFC7677.authMessage)
      .digest();
    const proof = Buffer.from(RFC7677.clientProof, 'base64');
    const clientKey = Buffer.from(proof.map((byte, i) => byte ^ (clientSignature[i] as number)));
    expect(createHash('sha256').update(clientKey).digest().equals(verifier.storedKey)).toBe(true);
  });

  it('rejects another password', () => {
    const other = parse(scramSha256Verifier('pencil2', Buffer.from(RFC7677.salt, 'base64')));
    expect(other.storedKey.equals(verifier.storedKey)).toBe(false);
  });

  it('uses a fresh random salt each time', () => {
    expect(parse(scramSha256Verifier('pencil')).salt).not.toBe(
      parse(scramSha256Verifier('pencil')).salt,
    );
  });
});
